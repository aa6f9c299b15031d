"""Bug 8: photos survive a form error (staged on the server), Indonesian prices are read or the
message says what to type, the file input lets a phone pick from the gallery, and the browser
resizes photos before upload (a static script, no inline one)."""

import io
import re

import pytest

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.listings.models import StagedPhoto
from tests.factories import listing_form, make_category, make_maker, make_product, photo_bytes

EN = {"Accept-Language": "en"}


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


@pytest.fixture
def category():
    return make_category()


def _post(client, url, data, photos=0):
    data = dict(data)
    data["photos"] = [(io.BytesIO(photo_bytes()), f"p{i}.jpg") for i in range(photos)]
    return client.post(url, data=data, content_type="multipart/form-data", headers=EN)


def _stage_token(html: str) -> str:
    return re.search(r'name="photo_stage"[^>]*value="([^"]+)"', html).group(1)


def test_photos_are_kept_after_a_form_error_and_used_on_the_next_save(client, maker, category):
    first = _post(
        client, "/maker/listings/new", listing_form(category, title_id="", save_draft="1"), 2
    )
    assert first.status_code == 400
    html = first.get_data(as_text=True)
    assert "kept" in html.lower()
    assert len(re.findall(r'name="remove_photos"', html)) == 2
    token = _stage_token(html)
    second = _post(
        client,
        "/maker/listings/new",
        listing_form(category, save_draft="1", photo_stage=token),
        0,
    )
    assert second.status_code == 302
    product = db.session.scalars(db.select(Product)).one()
    assert len(product.photos) == 2
    assert db.session.scalars(db.select(StagedPhoto)).all() == []


def test_a_staged_photo_can_be_dropped(client, maker, category):
    first = _post(
        client, "/maker/listings/new", listing_form(category, title_id="", save_draft="1"), 2
    )
    html = first.get_data(as_text=True)
    key = re.search(r'name="remove_photos" value="([^"]+)"', html).group(1)
    _post(
        client,
        "/maker/listings/new",
        listing_form(category, save_draft="1", photo_stage=_stage_token(html), remove_photos=key),
    )
    product = db.session.scalars(db.select(Product)).one()
    assert [p.key for p in product.photos] != [] and key not in [p.key for p in product.photos]
    assert len(product.photos) == 1


def test_another_makers_stage_token_gives_nothing(client, login_as, maker, category):
    first = _post(
        client, "/maker/listings/new", listing_form(category, title_id="", save_draft="1"), 1
    )
    token = _stage_token(first.get_data(as_text=True))
    other = make_maker(with_user=True)
    login_as(other.user)
    response = _post(
        client, "/maker/listings/new", listing_form(category, save_draft="1", photo_stage=token)
    )
    assert response.status_code == 400  # no photo of her own: "Add at least one photo"
    assert db.session.scalars(db.select(Product)).all() == []


def test_photos_are_kept_on_the_edit_form_too(client, maker, category):
    product = make_product(maker=maker, category=category, status="draft")
    url = f"/maker/listings/{product.id}/edit"
    first = _post(client, url, listing_form(category, price="", save_draft="1"), 1)
    assert first.status_code == 400
    token = _stage_token(first.get_data(as_text=True))
    _post(client, url, listing_form(category, save_draft="1", photo_stage=token))
    db.session.expire_all()
    assert len(db.session.get(Product, product.id).photos) == 2


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("90.000", 90_000), ("90rb", 90_000), ("Rp 90.000", 90_000), ("90 ribu", 90_000)],
)
def test_indonesian_prices_are_accepted(client, maker, category, typed, amount):
    response = _post(
        client, "/maker/listings/new", listing_form(category, price=typed, save_draft="1"), 1
    )
    assert response.status_code == 302
    assert db.session.scalars(db.select(Product)).one().price_idr == amount


def test_an_unreadable_price_says_exactly_what_to_type(client, maker, category):
    response = _post(
        client, "/maker/listings/new", listing_form(category, price="sembilan", save_draft="1"), 1
    )
    assert response.status_code == 400
    assert "like 90000, 90.000 or 90rb" in response.get_data(as_text=True)


def test_the_photo_input_offers_gallery_and_camera_and_resizes_in_the_browser(
    client, maker, category
):
    html = client.get("/maker/listings/new").get_data(as_text=True)
    photo_input = re.search(r'<input[^>]*name="photos"[^>]*>', html).group(0)
    assert 'accept="image/*"' in photo_input
    assert "capture" not in photo_input  # capture would force the camera on Android
    assert "data-resize" in photo_input
    assert '<script src="/static/js/photo-resize.js' in html
    with client.get("/static/js/photo-resize.js") as script:  # closes the served file
        assert script.status_code == 200
        assert b"canvas" in script.data
