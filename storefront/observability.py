"""Logs, request ids and metrics: what an operator reads when several servers run.

- Every request has an id: the proxy's X-Request-ID when it sends a sane one, else a new one; it
  is sent back in X-Request-ID and is in every log line written while the request runs.
- LOG_FORMAT=json (production's default) writes one JSON object a line, with the `extra` fields.
- /metrics (Prometheus text) only when METRICS_TOKEN is set, for `Authorization: Bearer <token>`.
  Under gunicorn with several workers set PROMETHEUS_MULTIPROC_DIR (an empty folder, emptied at
  each start; gunicorn.conf.py does both), so one scrape sums every worker.
- Sentry only when SENTRY_DSN is set (sentry-sdk is imported then, not before).
"""

import hmac
import json
import logging
import os
import re
import time
import uuid
from datetime import UTC, datetime

from flask import Blueprint, Flask, Response, abort, current_app, g, has_request_context, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

bp = Blueprint("observability", __name__)
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

REQUESTS = Counter(
    "storefront_http_requests_total", "HTTP requests answered", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "storefront_http_request_duration_seconds",
    "Time to answer a request",
    ["endpoint"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ORDERS_PAID = Counter("storefront_orders_paid_total", "Orders that became paid (committed)")
WEBHOOK_FAILURES = Counter(
    "storefront_webhook_failures_total", "Payment webhooks answered with an error", ["endpoint"]
)

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def request_id() -> str | None:
    """This request's id (made on first use), or None outside a request."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
    return g.request_id


def start_request() -> None:
    g.request_started = time.perf_counter()
    request_id()


def finish_request(response: Response) -> Response:
    """X-Request-ID out; the request counted and timed (404s share one endpoint label)."""
    response.headers["X-Request-ID"] = request_id() or ""
    endpoint = request.endpoint or "unmatched"
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    started = g.get("request_started")
    if started is not None:
        LATENCY.labels(endpoint).observe(time.perf_counter() - started)
    if "webhook" in endpoint and response.status_code >= 400:
        WEBHOOK_FAILURES.labels(endpoint).inc()
    return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id and the `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(app: Flask) -> None:
    """Root logger at LOG_LEVEL; JSON lines when LOG_FORMAT is json; request ids on every line."""
    root = logging.getLogger()
    if app.config.get("LOG_FORMAT") == "json":
        handler = next((h for h in root.handlers if getattr(h, "storefront", False)), None)
        if handler is None:
            handler = logging.StreamHandler()
            handler.storefront = True  # type: ignore[attr-defined]
            for other in [h for h in root.handlers if type(h) is logging.StreamHandler]:
                root.removeHandler(other)  # basicConfig's plain-text one, if any
            root.addHandler(handler)
        handler.setFormatter(JsonFormatter())
    else:
        logging.basicConfig(format="%(levelname)s [%(name)s] %(message)s")
    root.setLevel(app.config.get("LOG_LEVEL") or "INFO")
    for handler in root.handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())


def init_sentry(app: Flask) -> None:
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk  # only here: without a DSN the SDK is never loaded

    sentry_sdk.init(
        dsn=dsn,
        environment=app.config.get("SENTRY_ENVIRONMENT") or None,
        traces_sample_rate=app.config.get("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        send_default_pii=False,  # buyers' names, phones and addresses stay out of Sentry
    )


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


@bp.get("/metrics")
def metrics() -> Response:
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)  # metrics are off
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        abort(403)
    body = generate_latest(_registry()) + _queue_depth()
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


def _queue_depth() -> bytes:
    """The job outbox by status, read at scrape time (one GROUP BY; the same on every worker, so
    it is written here rather than summed across processes)."""
    from sqlalchemy import func, select

    from storefront.extensions import db
    from storefront.jobs.models import JobStatus, OutboxJob

    counts = dict(
        db.session.execute(
            select(OutboxJob.status, func.count(OutboxJob.id))
            .where(OutboxJob.status.in_((JobStatus.PENDING, JobStatus.RUNNING, JobStatus.DEAD)))
            .group_by(OutboxJob.status)
        ).all()
    )
    lines = [
        "# HELP storefront_jobs Background jobs in the outbox by status (waiting, running, dead)",
        "# TYPE storefront_jobs gauge",
    ]
    for status in (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.DEAD):
        lines.append(f'storefront_jobs{{status="{status.value}"}} {counts.get(status, 0)}')
    return ("\n".join(lines) + "\n").encode()
