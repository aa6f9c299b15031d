"""Photo sizes are made by a job, not in the upload request: the upload keeps the original (never
served), pages get a placeholder until the job has made the sizes, then the original is gone."""

import io

import pytest
from sqlalchemy import select

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.jobs import queue, runner
from storefront.jobs.models import JobStatus, OutboxJob
from storefront.media.images import SIZES, original_name
from storefront.media.storage import get_storage
from tests.factories import listing_form, make_category, make_maker, photo_bytes


def _exists(storage, name: str) -> bool:
    stored = storage.open(name)
    if stored is None:
        return False
    stored.stream.close()
    return True


@pytest.fixture
def queued(app, monkeypatch):
    """A job queue that only records what it is handed (a worker would run it later)."""
    pushed = []
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setattr(queue, "push", lambda app, job_id, delay=None: pushed.append(job_id))
    return pushed


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


def upload(client, count=2):
    data = listing_form(make_category(), title_id="Tas Foto", save_draft="1")
    data["photos"] = [
        (io.BytesIO(photo_bytes(size=(1600, 1200))), f"p{n}.jpg") for n in range(count)
    ]
    response = client.post("/maker/listings/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    product = db.session.scalars(select(Product).order_by(Product.id.desc())).first()
    return [photo.key for photo in product.photos]


def test_upload_keeps_the_original_and_queues_one_job_per_photo(client, maker, queued):
    keys = upload(client)
    storage = get_storage()
    jobs = list(db.session.scalars(select(OutboxJob).order_by(OutboxJob.id)))
    assert [(job.name, job.payload["key"]) for job in jobs] == [
        ("media.render_photo", key) for key in keys
    ]
    assert queued == [job.id for job in jobs]
    for key in keys:
        assert _exists(storage, original_name(key))
        assert all(not _exists(storage, f"{key}-{width}.webp") for width in SIZES)


def test_pages_get_a_placeholder_until_the_job_has_made_the_sizes(client, maker, queued):
    (key,) = upload(client, count=1)
    waiting = client.get(f"/media/{key}-400.webp")
    assert waiting.status_code == 200
    assert waiting.mimetype == "image/svg+xml"
    assert waiting.headers["Cache-Control"] == "no-store"
    waiting.close()
    assert client.get(f"/media/{original_name(key)}").status_code == 404  # EXIF, GPS: never
    (job,) = db.session.scalars(select(OutboxJob))
    assert runner.run_job(job.id) == ("done", None)
    ready = client.get(f"/media/{key}-400.webp")
    assert ready.mimetype == "image/webp" and "immutable" in ready.headers["Cache-Control"]
    ready.close()
    assert not _exists(get_storage(), original_name(key))
    db.session.expire_all()
    assert db.session.get(OutboxJob, job.id).status == JobStatus.DONE


def test_without_a_queue_the_sizes_exist_when_the_upload_returns(client, maker):
    (key,) = upload(client, count=1)
    assert all(_exists(get_storage(), f"{key}-{width}.webp") for width in SIZES)
    assert not _exists(get_storage(), original_name(key))
