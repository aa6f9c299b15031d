"""Bug 12: after the invitation a maker (and the admin) can add a portrait and edit her story in
both languages; the maker's change waits in the review queue, like a listing, until approved."""

import io

import pytest

from storefront.extensions import db
from storefront.makers.models import Maker
from tests.factories import make_maker, make_user, photo_bytes

EN = {"Accept-Language": "en"}


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    maker.story_id, maker.story_en = "Cerita lama.", ""
    db.session.commit()
    login_as(maker.user)
    return maker


def _submit(client, **data):
    fields = {"story_id": "Cerita baru saya.", "story_en": "My new story."}
    fields.update(data)
    return client.post("/maker/profile", data=fields, content_type="multipart/form-data")


def test_her_change_waits_for_review_and_the_public_page_keeps_the_old_story(client, maker):
    response = _submit(client, portrait=(io.BytesIO(photo_bytes(size=(500, 500))), "me.jpg"))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Maker, maker.id)
    assert saved.story_id == "Cerita lama." and saved.pending_story_id == "Cerita baru saya."
    assert saved.pending_portrait_key and saved.portrait_key is None
    public = client.get(f"/makers/{maker.slug}").text
    assert "Cerita lama." in public and "Cerita baru saya." not in public
    assert "waiting for review" in client.get("/maker/profile", headers=EN).text


def test_admin_sees_it_in_the_queue_and_approval_publishes_both_languages(client, maker, login_as):
    _submit(client, portrait=(io.BytesIO(photo_bytes(size=(500, 500))), "me.jpg"))
    login_as(make_user("admin"))
    queue = client.get("/admin/listings/", headers=EN).text
    assert f"/admin/makers/{maker.id}/profile" in queue
    assert client.post(f"/admin/makers/{maker.id}/profile/approve").status_code == 302
    db.session.expire_all()
    saved = db.session.get(Maker, maker.id)
    assert (saved.story_id, saved.story_en) == ("Cerita baru saya.", "My new story.")
    assert saved.portrait_key and saved.pending_portrait_key is None
    assert "My new story." in client.get(f"/makers/{maker.slug}", headers=EN).text
    assert saved.profile_submitted_at is None


def test_admin_can_reject_and_the_maker_sees_why(client, maker, login_as):
    _submit(client)
    login_as(make_user("admin"))
    client.post(f"/admin/makers/{maker.id}/profile/reject", data={"reason": "Terlalu pendek"})
    db.session.expire_all()
    saved = db.session.get(Maker, maker.id)
    assert saved.story_id == "Cerita lama." and saved.pending_story_id is None
    login_as(saved.user)
    assert "Terlalu pendek" in client.get("/maker/profile").text


def test_admin_edits_a_makers_story_and_portrait_directly(client, login_as):
    maker = make_maker()
    login_as(make_user("admin"))
    response = client.post(
        f"/admin/makers/{maker.id}/profile",
        data={
            "story_id": "Cerita dari admin.",
            "story_en": "Story from the admin.",
            "portrait": (io.BytesIO(photo_bytes(size=(400, 400))), "p.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Maker, maker.id)
    assert saved.story_en == "Story from the admin." and saved.portrait_key


def test_a_bad_portrait_is_refused_with_a_message(client, maker):
    response = _submit(client, portrait=(io.BytesIO(b"not an image"), "x.jpg"))
    assert response.status_code == 400
    assert db.session.get(Maker, maker.id).pending_story_id is None


def test_the_story_is_required_in_indonesian(client, maker):
    assert _submit(client, story_id="").status_code == 400
