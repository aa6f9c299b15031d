"""/healthz: the process answers (no I/O). /readyz: every dependency answers, else 503 naming it."""

import pytest
from sqlalchemy.exc import OperationalError

from storefront import health
from storefront.extensions import db
from storefront.media.storage import LocalStorage
from tests.s3_fixtures import free_port


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_does_no_io_so_a_down_database_does_not_restart_the_process(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    assert client.get("/healthz").status_code == 200


def test_readyz_answers_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "storage": "ok", "queue": "ok"},
        "failed": [],
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_names_a_database_that_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failed"] == ["database"]


@pytest.mark.parametrize("setting", ["CACHE_REDIS_URL", "RATELIMIT_STORAGE_URI"])
def test_readyz_names_redis_when_it_does_not_answer(app, client, monkeypatch, setting):
    monkeypatch.setitem(app.config, setting, f"redis://127.0.0.1:{free_port()}/2")
    body = client.get("/readyz").get_json()
    assert body["failed"] == ["redis"]
    assert body["status"] == "unavailable"


def test_readyz_names_the_queue_when_its_redis_does_not_answer(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/2")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failed"] == ["queue"]


def test_readyz_is_ok_with_the_real_redis(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/2")
    monkeypatch.setitem(app.config, "CACHE_REDIS_URL", "redis://127.0.0.1:6379/2")
    assert client.get("/readyz").status_code == 200


def test_readyz_names_storage_that_cannot_be_written(app, client, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setitem(app.extensions, "storefront.storage", LocalStorage(blocker / "uploads"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failed"] == ["storage"]


def test_readyz_names_a_bucket_that_does_not_answer(app, client, monkeypatch, s3_bucket):
    from storefront.media.s3 import S3Storage

    dead = S3Storage.from_config(
        {
            **app.config,
            "S3_BUCKET": s3_bucket,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}",
            "S3_MAX_ATTEMPTS": 1,
        }
    )
    monkeypatch.setitem(app.extensions, "storefront.storage", dead)
    try:
        assert client.get("/readyz").get_json()["failed"] == ["storage"]
    finally:
        dead.client.close()


def test_the_queue_check_is_one_function_the_job_queue_can_replace(client, monkeypatch):
    def queue_down():
        raise ConnectionError("no worker queue")

    monkeypatch.setitem(health.CHECKS, "queue", queue_down)
    assert client.get("/readyz").get_json()["failed"] == ["queue"]
