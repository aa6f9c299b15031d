"""Photos in an S3-compatible bucket (a local moto server): stored, served with long caching,
missing ones 404, and a bucket that does not answer is a 503 page, never a 500."""

import io
from pathlib import Path

import pytest

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.media.s3 import S3Storage
from tests.factories import listing_form, make_category, make_maker, photo_bytes
from tests.s3_fixtures import free_port, s3_client


def _storage(app, endpoint, bucket, **overrides):
    settings = {
        **app.config,
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        **overrides,
    }
    return S3Storage.from_config(settings)


@pytest.fixture
def on_s3(app, monkeypatch, s3_server, s3_bucket):
    storage = _storage(app, s3_server, s3_bucket)
    monkeypatch.setitem(app.extensions, "storefront.storage", storage)
    yield storage
    storage.client.close()


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


def _upload(client, files):
    data = listing_form(make_category(), title_id="Tas Foto Saya", save_draft="1")
    data["photos"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/maker/listings/new", data=data, content_type="multipart/form-data")


def _bucket_keys(endpoint, bucket):
    client = s3_client(endpoint)
    try:
        return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))
    finally:
        client.close()


def test_uploaded_photo_goes_to_the_bucket_and_is_served_from_it(
    app, client, maker, on_s3, s3_server, s3_bucket
):
    before = set(Path(app.config["UPLOAD_DIR"]).glob("*.webp"))
    response = _upload(client, [("bag.jpg", photo_bytes("JPEG", size=(500, 300)))])
    assert response.status_code == 302
    photo = db.session.scalars(db.select(Product)).one().photos[0]
    assert _bucket_keys(s3_server, s3_bucket) == [f"{photo.key}-1200.webp", f"{photo.key}-400.webp"]
    assert set(Path(app.config["UPLOAD_DIR"]).glob("*.webp")) == before  # nothing on local disk

    served = client.get(f"/media/{photo.key}-400.webp")
    assert served.status_code == 200
    assert served.mimetype == "image/webp"
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served.data[:4] == b"RIFF" and served.data[8:12] == b"WEBP"
    assert int(served.headers["Content-Length"]) == len(served.data)
    assert served.headers["ETag"] == f'"{photo.key}-400.webp"'


def test_a_revalidation_is_answered_304_without_a_body(client, maker, on_s3):
    _upload(client, [("bag.jpg", photo_bytes("JPEG"))])
    name = f"{db.session.scalars(db.select(Product)).one().photos[0].key}-400.webp"
    again = client.get(f"/media/{name}", headers={"If-None-Match": f'"{name}"'})
    assert again.status_code == 304
    assert again.data == b""


def test_a_name_not_in_the_bucket_is_404(client, on_s3):
    assert client.get(f"/media/{'ab' * 12}-400.webp").status_code == 404
    assert client.get("/media/not-a-name.webp").status_code == 404


def test_a_bucket_that_does_not_answer_is_a_503_page(app, client, maker, monkeypatch, s3_bucket):
    dead = _storage(app, f"http://127.0.0.1:{free_port()}", s3_bucket, S3_MAX_ATTEMPTS=1)
    monkeypatch.setitem(app.extensions, "storefront.storage", dead)
    try:
        assert client.get(f"/media/{'ab' * 12}-400.webp").status_code == 503
        response = _upload(client, [("bag.jpg", photo_bytes("JPEG"))])
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert "try again" in response.get_data(as_text=True).lower() or response.data
        assert db.session.scalars(db.select(Product)).all() == []
    finally:
        dead.client.close()


def test_a_failed_store_removes_the_photos_already_stored(client, maker, on_s3, monkeypatch):
    from storefront.media.storage import StorageUnavailable

    saved = []
    real_save = on_s3.save

    def save_then_fail(name, data):
        if len(saved) == 1:  # the first photo is stored as sent (a job sizes it), the second fails
            raise StorageUnavailable("gone")
        saved.append(name)
        real_save(name, data)

    monkeypatch.setattr(on_s3, "save", save_then_fail)
    response = _upload(client, [("a.jpg", photo_bytes("JPEG")), ("b.jpg", photo_bytes("PNG"))])
    assert response.status_code == 503
    for name in saved:
        assert on_s3.open(name) is None


def test_every_bucket_call_has_a_timeout_and_few_retries(app, s3_server, s3_bucket):
    storage = _storage(app, s3_server, s3_bucket)
    try:
        config = storage.client.meta.config
        assert config.connect_timeout == app.config["S3_CONNECT_TIMEOUT_SECONDS"] <= 5
        assert config.read_timeout == app.config["S3_READ_TIMEOUT_SECONDS"] <= 15
        assert config.retries["total_max_attempts"] == app.config["S3_MAX_ATTEMPTS"] <= 3
    finally:
        storage.client.close()


def test_s3_backend_needs_a_bucket(app):
    with pytest.raises(RuntimeError, match="S3_BUCKET"):
        S3Storage.from_config({**app.config, "S3_BUCKET": None})
