"""gunicorn settings for the shop (`gunicorn -c gunicorn.conf.py`); each can be changed by an
environment variable, so the image and compose.yaml need no other flags.

Run as many of these (on as many hosts) as you like: the processes share nothing but PostgreSQL,
Redis and the bucket. Migrations are not run here: `flask --app wsgi db upgrade` once per release.
"""

import os
import shutil
import tempfile
from pathlib import Path

wsgi_app = "wsgi:app"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A worker stuck longer than this is killed and replaced. Every outbound call (database lock wait,
# Redis, S3, SMTP, Stripe) has its own timeout well inside it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The proxies whose X-Forwarded-Proto/-For gunicorn believes (nginx on the same host by default;
# the docker network's range in compose.yaml). The app's own TRUSTED_PROXY_HOPS decides what it
# believes of X-Forwarded-For for rate limits.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn 25+ opens a control socket at $XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl by default:
# two instances on one host (or one home folder) would share, and fight over, the same socket.
control_socket_disable = True
# Heartbeat files in memory, not on a container's overlay disk (a slow disk kills workers).
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# One JSON object a line, with the request id the app sends back (X-Request-ID).
access_log_format = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s, '
    '"request_id": "%({x-request-id}o)s", "user_agent": "%(a)s"}'
)

# Prometheus: several workers write their figures to files in one folder, summed by /metrics.
# The folder must be empty at start; it is made here when not given.
if os.environ.get("METRICS_TOKEN") and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="shop-metrics-")


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
