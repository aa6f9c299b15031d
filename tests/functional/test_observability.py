"""Request ids in and out, JSON log lines that keep `extra` fields, /metrics behind a token,
ProxyFix keyed on the forwarded client, and SMTP with a bounded timeout."""

import json
import logging

import pytest

from storefront.observability import REQUEST_ID_RE, JsonFormatter, RequestIdFilter


def test_a_request_id_is_made_and_sent_back(client):
    response = client.get("/healthz")
    assert REQUEST_ID_RE.match(response.headers["X-Request-ID"])


def test_the_proxys_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123.x"})
    assert response.headers["X-Request-ID"] == "abc-123.x"


def test_a_strange_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "<script>" + "x" * 300})
    assert response.headers["X-Request-ID"] != "<script>" + "x" * 300
    assert REQUEST_ID_RE.match(response.headers["X-Request-ID"])


def test_json_log_lines_carry_the_request_id_and_extra_fields(app):
    record = logging.makeLogRecord(
        {"name": "storefront.orders", "levelname": "INFO", "msg": "paid %s", "args": ("AN-1",)}
    )
    record.order_id = 42
    with app.test_request_context(headers={"X-Request-ID": "req-7"}):
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "paid AN-1"
    assert line["request_id"] == "req-7"
    assert line["order_id"] == 42
    assert line["logger"] == "storefront.orders"


def test_json_log_lines_include_the_traceback(app):
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in line["exc_info"]


def test_metrics_are_off_without_a_token(client):
    assert client.get("/metrics").status_code == 404


@pytest.fixture
def metrics_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-token")


def test_metrics_need_the_token(client, metrics_on):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_metrics_count_requests_by_endpoint_and_status(client, metrics_on):
    client.get("/healthz")
    client.get("/no-such-page")
    body = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).text
    assert (
        'storefront_http_requests_total{endpoint="core.healthz",method="GET",status="200"}' in body
    )
    assert 'endpoint="unmatched",method="GET",status="404"' in body
    assert "storefront_http_request_duration_seconds_bucket" in body
    assert "storefront_orders_paid_total" in body
    assert "storefront_webhook_failures_total" in body


def test_metrics_show_the_job_queue_depth(client, metrics_on):
    from storefront.extensions import db
    from storefront.jobs.models import JobStatus, OutboxJob

    db.session.add_all(
        [
            OutboxJob(name="mail.deliver", status=JobStatus.PENDING),
            OutboxJob(name="mail.deliver", status=JobStatus.PENDING),
            OutboxJob(name="mail.deliver", status=JobStatus.DEAD),
            OutboxJob(name="mail.deliver", status=JobStatus.DONE),
        ]
    )
    db.session.commit()
    body = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).text
    assert 'storefront_jobs{status="pending"} 2' in body
    assert 'storefront_jobs{status="running"} 0' in body
    assert 'storefront_jobs{status="dead"} 1' in body


def test_an_order_that_becomes_paid_is_counted_once_after_commit(app):
    from storefront.observability import ORDERS_PAID
    from tests.factories import make_maker, make_sold_order

    before = ORDERS_PAID._value.get()
    make_sold_order([(make_maker(), 100_000, 1)])
    assert ORDERS_PAID._value.get() == before + 1


def test_behind_one_proxy_the_forwarded_client_is_the_remote_address(app, build_app):
    from config import TestConfig

    shared = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "UPLOAD_DIR", "MAIL_DIR")
    config = type(
        "ProxiedConfig",
        (TestConfig,),
        {**{name: app.config[name] for name in shared}, "TRUSTED_PROXY_HOPS": 1},
    )
    proxied = build_app(config)

    @proxied.get("/_whoami")
    def whoami():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    headers = {"X-Forwarded-For": "6.6.6.6, 203.0.113.9", "X-Forwarded-Proto": "https"}
    answer = proxied.test_client().get("/_whoami", headers=headers).text
    assert answer == "203.0.113.9 https"  # one hop believed: the address nginx appended


def test_without_trusted_proxies_forwarded_headers_are_ignored(app):
    assert app.config["TRUSTED_PROXY_HOPS"] == 0

    with app.test_request_context(
        headers={"X-Forwarded-For": "203.0.113.9"}, environ_base={"REMOTE_ADDR": "10.1.1.1"}
    ):
        from flask import request

        assert request.remote_addr == "10.1.1.1"


def test_smtp_has_the_configured_timeout(app, monkeypatch):
    from storefront import mail

    seen = {}

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            seen["timeout"] = timeout

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, message):
            seen["sent"] = True

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.com")
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT_SECONDS", 7)
    with app.test_request_context():
        mail._send_smtp(mail.EmailMessage())
    assert seen == {"timeout": 7, "sent": True}


def test_sentry_starts_only_with_a_dsn_and_without_personal_data(app, monkeypatch):
    import sentry_sdk

    from storefront.observability import init_sentry

    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    init_sentry(app)
    assert calls == []
    monkeypatch.setitem(app.config, "SENTRY_DSN", "https://public@sentry.invalid/1")
    init_sentry(app)
    assert calls[0]["dsn"] == "https://public@sentry.invalid/1"
    assert calls[0]["send_default_pii"] is False
