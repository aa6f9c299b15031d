"""End to end with real processes: an order paid through the served app gets its mails from a
`flask worker` process (RQ on Redis db 3) exactly once, also when the SMTP server refuses for a
while (retried with back-off) and when the worker is killed (SIGKILL) in the middle of sending
(the job's lease runs out, `flask scheduler` relays it, a new worker sends it)."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import select
from werkzeug.serving import make_server

from storefront.extensions import db
from storefront.jobs.models import JobStatus, OutboxJob
from tests.conftest import closing_wsgi
from tests.factories import CHECKOUT_FORM, latest_order, make_maker, make_product
from tests.smtp_fixtures import free_port, smtp_server  # noqa: F401

REDIS_URL = os.environ.get("TEST_JOBS_REDIS_URL", "redis://127.0.0.1:6379/3")  # db 3: ours
ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")
WAIT = 90  # seconds: the machine is shared and slow; every wait ends as soon as it can


def settings(redis_url: str, queue: str, smtp_port: int) -> dict[str, str]:
    return {
        "JOBS_REDIS_URL": redis_url,
        "JOBS_QUEUE": queue,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "MAIL_USE_TLS": "0",
        "JOBS_RETRY_BASE_SECONDS": "1",
        "JOBS_LEASE_SECONDS": "10",
        "JOBS_RELAY_SECONDS": "1",
        "JOBS_RELAY_GRACE_SECONDS": "3",
        "JOBS_RELEASE_EXPIRED_SECONDS": "0",
        "JOBS_RECONCILE_SECONDS": "0",
    }


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The machine's Redis (database 3), or, where none runs (a bare CI machine), a private
    redis-server of this session's own on a free port."""
    probe = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        probe.ping()
        yield REDIS_URL
        return
    except RedisError:
        pass
    finally:
        probe.close()
    if shutil.which("redis-server") is None:
        pytest.fail("these tests need Redis: start one on 127.0.0.1:6379, or install redis-server")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/3"
    deadline = time.monotonic() + WAIT
    while True:
        with Redis.from_url(url) as connection:
            try:
                connection.ping()
                break
            except RedisError:
                if time.monotonic() > deadline:
                    raise
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(30)


@pytest.fixture
def redis_db(redis_url):
    connection = Redis.from_url(redis_url)
    connection.flushdb()  # db 3 only
    yield connection
    connection.flushdb()
    connection.close()


@pytest.fixture
def env(smtp_server, redis_url, redis_db, tmp_path):  # noqa: F811
    handler, port = smtp_server
    values = settings(redis_url, f"test-{uuid.uuid4().hex[:8]}", port)
    return handler, values


@pytest.fixture
def served(app, env, build_app):
    """The app with the Redis queue, served in a thread: what a gunicorn instance does."""
    _, values = env
    served_config = type("Served", (), dict(app.config))  # the tests' database and settings
    served_config.JOBS_REDIS_URL = values["JOBS_REDIS_URL"]
    served_config.JOBS_QUEUE = values["JOBS_QUEUE"]
    served_config.MAIL_SERVER = "127.0.0.1"
    served_config.MAIL_PORT = int(values["MAIL_PORT"])
    served_config.MAIL_USE_TLS = False
    served_config.JOBS_LEASE_SECONDS = int(values["JOBS_LEASE_SECONDS"])
    other = build_app(served_config)
    server = make_server("127.0.0.1", 0, closing_wsgi(other), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(10)


class Processes:
    def __init__(self, folder: Path, values: dict[str, str]) -> None:
        self.folder, self.values, self.running = folder, values, []

    def start(self, command: str) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if "REDIS" not in k}
        env.update(
            self.values,
            APP_ENV="development",
            INSTANCE_DIR=str(self.folder / "instance"),
            PYTHONPATH=str(ROOT),
        )
        log = (self.folder / f"{command}-{len(self.running)}.log").open("wb")
        process = subprocess.Popen(
            [FLASK, "--app", "wsgi", command],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill takes all of it
        )
        log.close()
        self.running.append(process)
        return process

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        if process.poll() is None:
            os.killpg(process.pid, sig)
        process.wait(30)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.folder.glob("*.log"))

    def stop_all(self) -> None:
        for process in self.running:
            self.kill(process, signal.SIGTERM if process.poll() is None else signal.SIGKILL)


@pytest.fixture
def processes(app, env, tmp_path):
    _, values = env
    running = Processes(tmp_path, {**values, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield running
    running.stop_all()


def pay_through_the_site(base: str):
    """A buyer's cart, checkout and (test gateway) payment, all through HTTP."""
    maker = make_maker(with_user=True)
    product = make_product(maker=maker)
    with requests.Session() as browser:
        browser.post(f"{base}/cart/add", data={"product_id": product.id, "quantity": 1}, timeout=60)
        form = {**CHECKOUT_FORM, "idempotency_key": uuid.uuid4().hex}
        assert browser.post(f"{base}/checkout", data=form, timeout=60).status_code == 200
        order = latest_order()
        paid = browser.post(
            f"{base}/pay/{order.token}/test", data={"outcome": "success"}, timeout=60
        )
        assert paid.status_code == 200  # the order page: no SMTP inside the request
    return order, maker.user.email


def wait_for(predicate, what: str, processes: Processes) -> None:
    deadline = time.monotonic() + WAIT
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{processes.logs()}")
        time.sleep(0.2)


def outbox() -> list[OutboxJob]:
    db.session.expire_all()
    rows = db.session.scalars(select(OutboxJob).where(OutboxJob.name == "mail.deliver"))
    return list(rows)


def all_done() -> bool:
    rows = outbox()
    return bool(rows) and all(row.status == JobStatus.DONE for row in rows)


def test_paid_order_gets_its_mails_from_the_worker_once(env, served, processes):
    smtp, _ = env
    processes.start("worker")
    order, maker_email = pay_through_the_site(served)
    wait_for(all_done, "the mails to be sent", processes)
    time.sleep(2)  # anything sent twice would have arrived by now
    assert smtp.count_to(order.email) == 1
    assert smtp.count_to(maker_email) == 1
    assert all(row.attempts == 1 for row in outbox())


def test_mails_are_retried_while_smtp_refuses_and_sent_once(env, served, processes):
    smtp, _ = env
    smtp.refuse = 3  # down for a while: the first three attempts are refused
    processes.start("worker")
    processes.start("scheduler")
    order, maker_email = pay_through_the_site(served)
    wait_for(all_done, "the mails to be sent after SMTP came back", processes)
    time.sleep(2)
    assert smtp.refused == 3
    assert (smtp.count_to(order.email), smtp.count_to(maker_email)) == (1, 1)
    assert sum(row.attempts for row in outbox()) == 2 + 3


def test_worker_killed_while_sending_the_job_runs_again_on_a_new_worker_once(
    env, served, processes
):
    smtp, _ = env
    smtp.stall_next = True  # the first message hangs before the server's 250
    first = processes.start("worker")
    order, maker_email = pay_through_the_site(served)
    wait_for(smtp.stalled.is_set, "the first worker to be sending", processes)
    processes.kill(first)  # SIGKILL to its process group, mid-job
    smtp.release.set()
    assert smtp.delivered == []
    processes.start("worker")
    processes.start("scheduler")  # relays the job once its lease has run out
    wait_for(all_done, "the new worker to send the mails", processes)
    time.sleep(2)
    assert (smtp.count_to(order.email), smtp.count_to(maker_email)) == (1, 1)
    attempts = sorted(row.attempts for row in outbox())
    assert attempts == [1, 2]  # the killed attempt counts as one
