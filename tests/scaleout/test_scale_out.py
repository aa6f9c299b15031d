"""Two production-config gunicorn instances (A and B, two workers each) on one database, one Redis
(db 2) and one local S3 server, reached as through one trusted proxy (X-Forwarded-For/-Proto):
whatever one instance does, the other sees. A third instance whose Redis is a closed port still
signs people in, limits sign-ins in memory, says 503 redis on /readyz and answers no 5xx else.

Requests go to 127.0.0.1 only; every loop is bounded."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from storefront.catalog.models import Product
from storefront.extensions import cache, db
from tests.factories import PASSWORD, listing_form, make_category, make_maker, make_sold_order
from tests.s3_fixtures import CREDENTIALS, free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/2"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET = "scale-out-test-secret-of-more-than-32-chars"
METRICS_TOKEN = "metrics-token-for-the-test"
TIMEOUT = 60


def _env(app, workdir: Path, s3_server: str, bucket: str, redis_url: str, prefix: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "PROMETHEUS_"))},
        **CREDENTIALS,
        "APP_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_DIR": str(workdir),
        "MAIL_TRANSPORT": "file",
        "MAIL_DIR": str(workdir / "mail"),
        "ALLOW_TEST_GATEWAY": "1",
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "us-east-1",
        "REDIS_URL": redis_url,
        "CACHE_REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"{prefix}:cache:",
        "RATELIMIT_KEY_PREFIX": f"{prefix}:limits",
        "JOBS_QUEUE": f"{prefix}-jobs",  # this test's own queue on the shared Redis
        "REDIS_TIMEOUT_SECONDS": "1",
        "TRUSTED_PROXY_HOPS": "1",
        "IMPACT_CACHE_SECONDS": "300",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "METRICS_TOKEN": METRICS_TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }


class Instance:
    """One gunicorn started with the shipped gunicorn.conf.py."""

    def __init__(self, name: str, env: dict, workdir: Path) -> None:
        self.name, self.port = name, free_port()
        self.log_path = workdir / f"{name}.log"
        workdir.mkdir(parents=True, exist_ok=True)
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{self.name} stopped:\n{self.log()[-3000:]}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                if requests.get(f"{self.base}/healthz", timeout=5).status_code == 200:
                    return
            except (OSError, requests.RequestException):
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.name} did not start:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class Browser:
    """A visitor behind the proxy: her address arrives in X-Forwarded-For, and https in
    X-Forwarded-Proto. Cookies are kept by hand: the shop's are __Host- and Secure, which a
    cookie jar would not send over the test's plain http."""

    def __init__(self, address: str = "203.0.113.7") -> None:
        self.address = address
        self.cookies: dict[str, str] = {}
        self.statuses: list[tuple[str, int]] = []

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        headers = {
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, url, headers=headers, allow_redirects=False, timeout=TIMEOUT, **kwargs
        )
        for cookie in response.cookies:
            expired = cookie.expires is not None and cookie.expires < time.time()
            if expired or not cookie.value:
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value
        self.statuses.append((url, response.status_code))
        return response

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def token(self, url: str) -> str:
        page = self.get(url)
        assert page.status_code == 200, (url, page.status_code)
        return CSRF.search(page.text).group(1)

    def sign_in(self, instance: Instance, identifier: str, password: str) -> requests.Response:
        token = self.token(f"{instance.base}/login")
        return self.post(
            f"{instance.base}/login",
            data={"csrf_token": token, "identifier": identifier, "password": password},
        )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("scaleout")


@pytest.fixture
def instances(app, workdir, s3_server, s3_bucket):
    prefix = f"scaleout-{uuid.uuid4().hex[:8]}"
    env = _env(app, workdir, s3_server, s3_bucket, REDIS, prefix)
    started = [Instance("a", env, workdir / "a"), Instance("b", env, workdir / "b")]
    down = _env(app, workdir, s3_server, s3_bucket, f"redis://127.0.0.1:{free_port()}/2", prefix)
    down["WEB_CONCURRENCY"] = "1"  # the in-memory fallback counts per process
    started.append(Instance("c-redis-down", down, workdir / "c"))
    try:
        for instance in started:
            instance.wait_ready()
        yield {
            "prefix": prefix,
            "a": started[0],
            "b": started[1],
            "down": started[2],
            "env": env,
        }
    finally:
        for instance in started:
            instance.stop()
    for instance in started:
        assert "Traceback" not in instance.log(), instance.log()[-4000:]


def _work_the_queue(env: dict) -> None:
    """A worker process (as compose's `worker`) runs the queued jobs, then stops."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
        env={**env, "FLASK_APP": "wsgi"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


def _no_server_errors(*browsers: Browser, allow=()):
    errors = [(u, s) for b in browsers for u, s in b.statuses if s >= 500 and u not in allow]
    assert errors == []


def _main(page: str) -> str:
    part = page[page.index("<main") : page.index("</main>")]
    return CSRF.sub("", part)


def test_two_instances_share_photos_sessions_limits_and_figures(app, instances):
    a, b = instances["a"], instances["b"]
    maker = make_maker(with_user=True)
    category = make_category()
    email = maker.user.email
    db.session.commit()

    # A maker uploads a photo through A; B serves it.
    her = Browser("198.51.100.20")
    assert her.sign_in(a, email, PASSWORD).status_code == 302
    token = her.token(f"{a.base}/maker/listings/new")
    with _jpeg() as photo:
        form = {**listing_form(category, title_id="Tas Dua Server", save_draft="1")}
        form["csrf_token"] = token
        sent = her.post(
            f"{a.base}/maker/listings/new", data=form, files={"photos": ("bag.jpg", photo)}
        )
    assert sent.status_code == 302, sent.text[:2000]
    db.session.expire_all()
    key = db.session.scalars(db.select(Product)).one().photos[0].key
    assert her.get(f"{b.base}/media/{key}-400.webp").headers["Cache-Control"] == "no-store"
    _work_the_queue(instances["env"])  # the photo's sizes are made by a worker, not the request
    served = her.get(f"{b.base}/media/{key}-400.webp")
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/webp"
    assert "immutable" in served.headers["Cache-Control"]
    assert served.content[8:12] == b"WEBP"
    assert her.get(f"{a.base}/media/{key}-400.webp").content == served.content

    # Signing out on A ends the session on B too, even for a copy of the cookie.
    assert her.get(f"{b.base}/maker/").status_code == 200
    copied = dict(her.cookies)
    out_token = her.token(f"{a.base}/maker/")
    assert her.post(f"{a.base}/logout", data={"csrf_token": out_token}).status_code == 302
    thief = Browser("198.51.100.20")
    thief.cookies = copied
    reused = thief.get(f"{b.base}/maker/")
    assert reused.status_code == 302 and "/login" in reused.headers["Location"]

    # Twelve sign-ins from twelve addresses are twelve buckets (alternating A and B)...
    crowd = [Browser(f"203.0.113.{n}") for n in range(1, 13)]
    for n, visitor in enumerate(crowd):
        instance = a if n % 2 else b
        response = visitor.sign_in(instance, f"nobody{n}@example.com", "wrong-password-1")
        assert response.status_code == 200, (n, response.status_code)
    # ...while twelve from one address share one bucket, across both instances (Redis).
    one = Browser("192.0.2.99")
    answers = []
    for n in range(12):
        instance = a if n % 2 else b
        answers.append(one.sign_in(instance, f"someone{n}@example.com", "wrong-1").status_code)
    assert answers[:10] == [200] * 10
    assert answers[10:] == [429, 429]

    # Impact figures agree on A and B after a sale, posted by another process on the same Redis.
    visitor = Browser("203.0.113.200")
    before_a = _main(visitor.get(f"{a.base}/impact").text)
    assert _main(visitor.get(f"{b.base}/impact").text) == before_a
    _sell_from_another_process(app, instances["prefix"], maker)
    after_a = _main(visitor.get(f"{a.base}/impact").text)
    after_b = _main(visitor.get(f"{b.base}/impact").text)
    assert after_a == after_b != before_a

    # Request ids go out and come back; metrics count both workers' requests.
    echoed = visitor.get(f"{a.base}/healthz", headers={"X-Request-ID": "req-scale-1"})
    assert echoed.headers["X-Request-ID"] == "req-scale-1"
    assert visitor.get(f"{a.base}/metrics").status_code == 403
    metrics = visitor.get(f"{a.base}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert metrics.status_code == 200
    assert 'storefront_http_requests_total{endpoint="auth.login"' in metrics.text
    assert '"request_id": "req-scale-1"' in a.log() or "req-scale-1" in a.log()
    _no_server_errors(her, thief, one, visitor, *crowd)


def _jpeg():
    import io

    from tests.factories import photo_bytes

    return io.BytesIO(photo_bytes("JPEG", size=(640, 480)))


def _sell_from_another_process(app, prefix: str, maker) -> None:
    """A sale posted by some other process of the shop (a worker, a webhook on a third
    instance) sharing the Redis cache: its commit drops the figures for every instance."""
    from types import SimpleNamespace

    from config import TestConfig
    from storefront import create_app
    from tests.conftest import dispose_engines

    seller = SimpleNamespace(id=maker.id, full_name=maker.full_name)
    settings = {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_DIR": app.config["INSTANCE_DIR"],
        "CACHE_TYPE": "RedisCache",
        "CACHE_REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"{prefix}:cache:",
        "IMPACT_CACHE_SECONDS": 300,
    }
    other = create_app(type("OtherProcess", (TestConfig,), settings))
    try:
        with other.app_context():
            make_sold_order([(seller, 275_000, 1)])
            db.session.remove()
    finally:
        with other.app_context():
            dispose_engines()


def test_with_redis_down_sign_in_works_limits_hold_and_only_readyz_is_503(app, instances):
    down = instances["down"]
    maker = make_maker(with_user=True)
    email = maker.user.email
    db.session.commit()

    her = Browser("198.51.100.30")
    assert her.sign_in(down, email, PASSWORD).status_code == 302
    for path in ("/maker/", "/", "/products", "/impact", "/healthz", "/maker/listings/new"):
        her.get(f"{down.base}{path}")
    ready = her.get(f"{down.base}/readyz")
    assert ready.status_code == 503
    assert "redis" in ready.json()["failed"]
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["storage"] == "ok"

    # Limits still hold, counted in this process's memory (logged as a fallback).
    one = Browser("192.0.2.150")
    answers = [one.sign_in(down, f"x{n}@example.com", "wrong-1").status_code for n in range(11)]
    assert 429 in answers
    assert "falling back" in down.log().lower() or "fallback" in down.log().lower()
    _no_server_errors(her, one, allow={f"{down.base}/readyz"})
    with app.app_context():
        cache.clear()
