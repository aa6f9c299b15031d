"""Photos staged by a listing form's error are deleted, row and files, by a periodic task (and
`flask prune-staged-photos`) once their form has not been sent again for STAGED_PHOTO_HOURS; a
fresh stage, and one whose form is still being worked on, are kept."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.jobs.registry import TASKS
from storefront.jobs.scheduler import schedule
from storefront.listings.models import StagedPhoto
from storefront.media.images import SIZES, delete_image, original_name
from storefront.media.storage import get_storage
from tests.factories import listing_form, make_category, make_maker, photo_bytes

TASK = "listings.prune_staged_photos"


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


@pytest.fixture
def category():
    return make_category()


def _send(client, category, *, photos=1, token="", **fields):
    """The listing form sent with an error (no Indonesian title): its photos are staged."""
    data = listing_form(category, title_id="", save_draft="1", photo_stage=token, **fields)
    data["photos"] = [(io.BytesIO(photo_bytes()), f"p{i}.jpg") for i in range(photos)]
    response = client.post("/maker/listings/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    return re.search(r'name="photo_stage"[^>]*value="([^"]+)"', response.text).group(1)


def _keys(token: str) -> list[str]:
    return list(db.session.scalars(select(StagedPhoto.key).where(StagedPhoto.token == token)))


def _age(token: str, hours: float) -> None:
    db.session.execute(
        update(StagedPhoto)
        .where(StagedPhoto.token == token)
        .values(created_at=utcnow() - timedelta(hours=hours))
    )
    db.session.commit()


def _files(key: str) -> list[str]:
    """The stored files of one photo (its sizes, or its original before they are made)."""
    storage = get_storage()
    names = [f"{key}-{width}.webp" for width in SIZES] + [original_name(key)]
    found = []
    for name in names:
        stored = storage.open(name)
        if stored is not None:
            stored.stream.close()
            found.append(name)
    return found


def test_an_old_stage_is_deleted_with_its_files_and_a_fresh_one_stays(client, maker, category):
    old = _send(client, category, photos=2)
    fresh = _send(client, category)
    old_keys, fresh_keys = _keys(old), _keys(fresh)
    assert len(old_keys) == 2 and all(_files(key) for key in old_keys + fresh_keys)
    _age(old, hours=25)
    _age(fresh, hours=23)
    assert TASKS[TASK]() == 2
    db.session.expire_all()
    assert _keys(old) == [] and all(_files(key) == [] for key in old_keys)
    assert _keys(fresh) == fresh_keys and all(_files(key) for key in fresh_keys)


def _older(token: str, hours: float) -> None:
    for row in db.session.scalars(select(StagedPhoto).where(StagedPhoto.token == token)):
        row.created_at -= timedelta(hours=hours)
    db.session.commit()


def test_a_stage_whose_form_is_still_being_worked_on_is_kept(client, maker, category):
    token = _send(client, category)
    key = _keys(token)[0]
    _age(token, hours=23)
    _send(client, category, photos=0, token=token)  # another try of the same form
    _older(token, hours=2)  # uploaded 25 hours ago, the form last sent 2 hours ago
    assert TASKS[TASK]() == 0
    assert _keys(token) == [key] and _files(key)
    saved = client.post(
        "/maker/listings/new",
        data=listing_form(category, save_draft="1", photo_stage=token),
        content_type="multipart/form-data",
    )
    assert saved.status_code == 302
    assert [p.key for p in db.session.scalars(select(Product)).one().photos] == [key]


def test_a_file_already_missing_is_no_error(client, maker, category):
    token = _send(client, category)
    key = _keys(token)[0]
    delete_image(get_storage(), key)  # gone already (a manual clean-up, an earlier run)
    _age(token, hours=25)
    assert TASKS[TASK]() == 1
    assert _keys(token) == []


def test_the_age_is_a_setting(app, client, maker, category):
    token = _send(client, category)
    _age(token, hours=3)
    app.config["STAGED_PHOTO_HOURS"] = 2
    try:
        assert TASKS[TASK]() == 1
    finally:
        app.config["STAGED_PHOTO_HOURS"] = 24


def test_the_scheduler_runs_it_and_so_does_a_command(app, runner, client, maker, category):
    assert schedule(app)[TASK] == app.config["JOBS_PRUNE_STAGED_SECONDS"] > 0
    token = _send(client, category)
    _age(token, hours=25)
    result = runner.invoke(args=["prune-staged-photos"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 staged photo(s)" in result.output
    assert _keys(token) == []
