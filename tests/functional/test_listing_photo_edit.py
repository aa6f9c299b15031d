"""Photos one by one: keep, remove, add (1 to 5 in all); drafts at once, live ones after review."""

import io
from pathlib import Path

import pytest

from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.listings.models import ProductRevision
from tests.factories import listing_form, make_maker, make_product, make_user, photo_bytes


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


@pytest.fixture
def stored(app):
    """Whether both stored sizes of a photo key exist on disk."""
    root = Path(app.config["UPLOAD_DIR"])
    return lambda key: all((root / f"{key}-{w}.webp").is_file() for w in (400, 1200))


def keys(product: Product) -> list[str]:
    return [photo.key for photo in db.session.get(Product, product.id).photos]


def edit(client, product, remove=(), add=0, **fields):
    data = listing_form(product.category, **{"title_id": product.title_id, **fields})
    data.setdefault("save_draft" if product.status != L.LIVE else "submit_review", "1")
    data["remove_photos"] = list(remove)
    data["photos"] = [(io.BytesIO(photo_bytes()), f"new{i}.jpg") for i in range(add)]
    return client.post(
        f"/maker/listings/{product.id}/edit", data=data, content_type="multipart/form-data"
    )


def approve_as_admin(client, login_as, product) -> None:
    login_as(make_user("admin"))
    assert client.post(f"/admin/listings/{product.id}/approve").status_code == 302


def test_edit_page_shows_each_photo_with_a_labelled_remove_checkbox(client, maker):
    product = make_product(maker, status=L.DRAFT, photos=2)
    page = client.get(f"/maker/listings/{product.id}/edit").get_data(as_text=True)
    for number, key in enumerate(keys(product), start=1):
        assert f'name="remove_photos" value="{key}" id="remove-photo-{number}"' in page
        assert f'<label for="remove-photo-{number}">' in page
        assert f"{key}-400.webp" in page
    assert 'accept="image/*"' in page and "capture=" not in page  # gallery too (bug 8)


def test_removing_one_of_three_photos_on_a_draft_keeps_the_other_two(client, maker):
    product = make_product(maker, status=L.DRAFT, photos=3)
    first, second, third = keys(product)
    response = edit(client, product, remove=[second])
    assert response.status_code == 302
    assert keys(product) == [first, third]


def test_adding_a_photo_to_two_keeps_them_and_adds_it_last(client, maker):
    product = make_product(maker, status=L.DRAFT, photos=2)
    before = keys(product)
    assert edit(client, product, add=1).status_code == 302
    after = keys(product)
    assert len(after) == 3 and after[:2] == before


def test_removing_and_adding_in_one_save_works(client, maker):
    product = make_product(maker, status=L.DRAFT, photos=1)
    (old,) = keys(product)
    assert edit(client, product, remove=[old], add=1).status_code == 302
    assert len(keys(product)) == 1 and keys(product) != [old]


def test_removing_every_photo_is_refused_with_the_form_kept(client, maker, stored):
    product = make_product(maker, status=L.DRAFT, photos=2)
    before = keys(product)
    response = edit(client, product, remove=before, title_id="Tas Judul Baru")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="error" id="photos-error"' in page and "paling sedikit satu foto" in page
    assert 'value="Tas Judul Baru"' in page
    assert all(
        f'value="{key}" id="remove-photo-{n}" checked' in page for n, key in enumerate(before, 1)
    )
    assert keys(product) == before and all(stored(key) for key in before)


def test_more_than_five_photos_in_all_is_refused_and_nothing_is_stored(app, client, maker):
    product = make_product(maker, status=L.DRAFT, photos=3)
    before = keys(product)
    files = set(Path(app.config["UPLOAD_DIR"]).iterdir())
    response = edit(client, product, add=3)
    assert response.status_code == 400
    assert "paling banyak 5 foto" in response.get_data(as_text=True)
    assert keys(product) == before
    assert set(Path(app.config["UPLOAD_DIR"]).iterdir()) == files


def test_removed_draft_photo_files_are_deleted_and_kept_ones_stay(client, maker, stored):
    product = make_product(maker, status=L.DRAFT, photos=2)
    kept, removed = keys(product)
    edit(client, product, remove=[removed])
    assert not stored(removed)
    assert stored(kept)


def test_live_listing_shows_the_approved_photos_until_the_admin_approves(client, maker, login_as):
    product = make_product(maker, status=L.LIVE, photos=3)
    first, second, third = keys(product)
    assert edit(client, product, remove=[second], add=1).status_code == 302
    page = client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert all(key in page for key in (first, second, third))
    assert keys(product) == [first, second, third]
    approve_as_admin(client, login_as, product)
    page = client.get(f"/products/{product.slug}").get_data(as_text=True)
    new = keys(product)
    assert len(new) == 3 and new[:2] == [first, third] and second not in page
    assert all(key in page for key in new)


def test_live_listing_edit_puts_the_photo_list_in_the_revision(client, maker):
    product = make_product(maker, status=L.LIVE, photos=2)
    first, second = keys(product)
    edit(client, product, remove=[first])
    revision = db.session.scalars(db.select(ProductRevision)).one()
    assert [p["key"] for p in revision.photos] == [second]
    page = client.get(f"/maker/listings/{product.id}/edit").get_data(as_text=True)
    assert f'value="{second}"' in page and f'value="{first}"' not in page


def test_removed_live_photo_files_are_kept_until_approval_then_deleted(
    client, maker, login_as, stored
):
    product = make_product(maker, status=L.LIVE, photos=2)
    kept, removed = keys(product)
    edit(client, product, remove=[removed])
    assert stored(removed)
    approve_as_admin(client, login_as, product)
    assert not stored(removed)
    assert stored(kept)


def test_photo_added_to_a_revision_then_removed_again_is_deleted(client, maker, stored):
    product = make_product(maker, status=L.LIVE, photos=1)
    (live,) = keys(product)
    edit(client, product, add=1)
    revision = db.session.scalars(db.select(ProductRevision)).one()
    added = revision.photos[1]["key"]
    edit(client, product, remove=[added])
    assert not stored(added)
    assert stored(live)


def test_rejected_revision_frees_its_new_photos_but_not_the_live_ones(
    client, maker, login_as, stored
):
    product = make_product(maker, status=L.LIVE, photos=1)
    (live,) = keys(product)
    edit(client, product, add=1)
    added = db.session.scalars(db.select(ProductRevision)).one().photos[1]["key"]
    login_as(make_user("admin"))
    client.post(f"/admin/listings/{product.id}/reject", data={"reason": "Foto buram"})
    assert not stored(added)
    assert stored(live) and keys(product) == [live]


def test_another_makers_photo_cannot_be_removed(client, maker, stored):
    other = make_product(make_maker(with_user=True), status=L.DRAFT, photos=2)
    theirs = keys(other)
    own = make_product(maker, status=L.DRAFT, photos=1)
    response = edit(client, own, remove=theirs)
    assert response.status_code == 302
    assert keys(other) == theirs and all(stored(key) for key in theirs)
    assert len(keys(own)) == 1


def test_another_makers_listing_photos_cannot_be_edited(client, maker):
    other = make_product(make_maker(with_user=True), status=L.DRAFT, photos=2)
    theirs = keys(other)
    assert edit(client, other, remove=theirs[:1]).status_code == 404
    assert keys(other) == theirs
