"""Maker side: create, submit, revise while live, archive, stock; rules on fields and ownership."""

import io

import pytest

from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.listings.models import ProductRevision
from tests.factories import listing_form, make_category, make_maker, make_product, photo_bytes


@pytest.fixture
def maker(login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    return maker


@pytest.fixture
def category():
    return make_category()


def post_new(client, category, photos=1, **fields):
    data = listing_form(category, **fields)
    data["photos"] = [(io.BytesIO(photo_bytes()), f"p{i}.jpg") for i in range(photos)]
    return client.post("/maker/listings/new", data=data, content_type="multipart/form-data")


def only_product() -> Product:
    return db.session.scalars(db.select(Product)).one()


def test_new_listing_form_offers_the_phone_camera_and_gallery(client, maker, category):
    page = client.get("/maker/listings/new").get_data(as_text=True)
    assert 'accept="image/*"' in page and "capture=" not in page  # capture forces the camera


def test_saving_as_draft_creates_a_draft_of_her_own(client, maker, category):
    response = post_new(client, category, save_draft="1")
    product = only_product()
    assert response.status_code == 302
    assert (product.status, product.maker_id, len(product.photos)) == (L.DRAFT, maker.id, 1)


def test_new_listing_gets_a_readable_slug_from_the_indonesian_title(client, maker, category):
    post_new(client, category, title_id="Tas Anyaman Biru Laut", save_draft="1")
    assert only_product().slug == "tas-anyaman-biru-laut"


def test_slug_collision_gets_a_suffix(client, maker, category):
    make_product(slug="tas-anyaman-biru")
    post_new(client, category, title_id="Tas Anyaman Biru", save_draft="1")
    assert db.session.scalar(db.select(Product).where(Product.maker_id == maker.id)).slug == (
        "tas-anyaman-biru-2"
    )


def test_submitting_sends_the_listing_to_review(client, maker, category):
    post_new(client, category, submit_review="1")
    assert only_product().status == L.PENDING


def test_fields_a_maker_must_not_set_are_ignored(client, maker, category):
    other = make_maker()
    post_new(
        client,
        category,
        submit_review="1",
        status="live",
        maker_id=str(other.id),
        is_featured="y",
        slug="my-own-slug",
        published_at="2020-01-01",
    )
    product = only_product()
    assert (product.status, product.maker_id, product.is_featured) == (L.PENDING, maker.id, False)
    assert product.slug != "my-own-slug" and product.published_at is None


def test_draft_can_be_submitted_from_her_list(client, maker):
    product = make_product(maker, status=L.DRAFT)
    client.post(f"/maker/listings/{product.id}/submit")
    assert db.session.get(Product, product.id).status == L.PENDING


def test_listing_without_photo_is_refused_with_form_kept(client, maker, category):
    response = post_new(client, category, photos=0, title_id="Dompet Kecil", submit_review="1")
    assert response.status_code == 400
    assert "Dompet Kecil" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Product)) is None


@pytest.mark.parametrize("price", ["999", "100000001", "abc", "-5000", "150000,50", "１５００００"])
def test_price_outside_whole_rupiah_range_is_refused(client, maker, category, price):
    response = post_new(client, category, price=price, title_id="Tas Harga Salah")
    assert response.status_code == 400
    assert "Tas Harga Salah" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Product)) is None


@pytest.mark.parametrize("price", ["1000", "100000000", "Rp 150.000"])
def test_price_limits_and_indonesian_grouping_are_accepted(client, maker, category, price):
    assert post_new(client, category, price=price, save_draft="1").status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("stock", "١٢"),
        ("stock", "-1"),
        ("stock", "2.5"),
        ("plastic_grams", "²"),
        ("stock", "10000"),
    ],
)
def test_quantities_take_ascii_digits_only(client, maker, category, field, value):
    response = post_new(client, category, **{field: value})
    assert response.status_code == 400
    assert db.session.scalar(db.select(Product)) is None


@pytest.mark.parametrize(
    ("field", "length"),
    [("title_id", 121), ("description_id", 4001), ("materials_id", 301), ("title_en", 121)],
)
def test_text_lengths_are_limited(client, maker, category, field, length):
    assert post_new(client, category, **{field: "a" * length}).status_code == 400


def test_made_to_order_needs_a_lead_time(client, maker, category):
    response = post_new(client, category, is_made_to_order="y", stock="0")
    assert response.status_code == 400


def test_made_to_order_with_lead_time_is_saved(client, maker, category):
    post_new(client, category, is_made_to_order="y", lead_time_days="14", save_draft="1")
    product = only_product()
    assert (product.is_made_to_order, product.lead_time_days) == (True, 14)


def test_titles_are_rendered_escaped(client, maker):
    make_product(maker, title_id="<script>alert(1)</script>", status=L.DRAFT)
    page = client.get("/maker/listings/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_her_list_shows_status_and_stock(client, maker):
    make_product(maker, title_id="Tas Pantai", status=L.LIVE, stock=4)
    page = client.get("/maker/listings/").get_data(as_text=True)
    assert "Tas Pantai" in page and "4" in page


def test_editing_a_live_listing_keeps_the_public_version(client, maker, category):
    product = make_product(maker, category, title_id="Tas Lama", status=L.LIVE)
    response = client.post(
        f"/maker/listings/{product.id}/edit",
        data=listing_form(category, title_id="Tas Baru", submit_review="1"),
    )
    assert response.status_code == 302
    product = db.session.get(Product, product.id)
    revision = db.session.scalars(db.select(ProductRevision)).one()
    assert (product.status, product.title_id) == (L.LIVE, "Tas Lama")
    assert revision.data["title_id"] == "Tas Baru"


def test_maker_sees_her_pending_changes(client, maker, category):
    product = make_product(maker, category, title_id="Tas Lama", status=L.LIVE)
    client.post(
        f"/maker/listings/{product.id}/edit",
        data=listing_form(category, title_id="Tas Baru", submit_review="1"),
    )
    assert "Tas Baru" in client.get(f"/maker/listings/{product.id}/edit").get_data(as_text=True)
    assert "pending-changes" in client.get("/maker/listings/").get_data(as_text=True)


def test_editing_a_live_listing_twice_keeps_one_pending_revision(client, maker, category):
    product = make_product(maker, category, status=L.LIVE)
    for title in ("Tas Satu", "Tas Dua"):
        client.post(
            f"/maker/listings/{product.id}/edit",
            data=listing_form(category, title_id=title, submit_review="1"),
        )
    revisions = db.session.scalars(db.select(ProductRevision)).all()
    assert [r.data["title_id"] for r in revisions] == ["Tas Dua"]


def test_stock_change_on_a_live_listing_needs_no_review(client, maker):
    product = make_product(maker, status=L.LIVE, stock=3)
    client.post(f"/maker/listings/{product.id}/stock", data={"stock": "7"})
    assert db.session.get(Product, product.id).stock == 7
    assert db.session.scalar(db.select(ProductRevision)) is None


def test_stock_change_rejects_non_ascii_digits(client, maker):
    product = make_product(maker, status=L.LIVE, stock=3)
    response = client.post(f"/maker/listings/{product.id}/stock", data={"stock": "٧"})
    assert response.status_code == 400
    assert db.session.get(Product, product.id).stock == 3


def test_editing_a_draft_changes_it_in_place(client, maker, category):
    product = make_product(maker, category, title_id="Tas Draf", status=L.DRAFT)
    client.post(
        f"/maker/listings/{product.id}/edit",
        data=listing_form(category, title_id="Tas Draf Baru", save_draft="1"),
    )
    product = db.session.get(Product, product.id)
    assert (product.title_id, product.slug) == ("Tas Draf Baru", "tas-draf-baru")


def test_slug_never_changes_after_first_approval(client, maker, category):
    product = make_product(maker, category, slug="tas-pertama", status=L.LIVE)
    product.status = L.REJECTED  # unpublished after it had been live
    db.session.commit()
    client.post(
        f"/maker/listings/{product.id}/edit",
        data=listing_form(category, title_id="Nama Lain", save_draft="1"),
    )
    assert db.session.get(Product, product.id).slug == "tas-pertama"


def test_maker_can_archive_a_live_listing_without_review(client, maker):
    product = make_product(maker, status=L.LIVE)
    client.post(f"/maker/listings/{product.id}/archive")
    assert db.session.get(Product, product.id).status == L.ARCHIVED


def test_archived_listing_can_be_restored_as_draft(client, maker):
    product = make_product(maker, status=L.ARCHIVED)
    client.post(f"/maker/listings/{product.id}/restore")
    assert db.session.get(Product, product.id).status == L.DRAFT


def test_refused_transition_gives_a_clear_conflict(client, maker):
    product = make_product(maker, status=L.LIVE)
    response = client.post(f"/maker/listings/{product.id}/submit")
    assert response.status_code == 409
    assert db.session.get(Product, product.id).status == L.LIVE


OWNER_URLS = [
    ("get", "/maker/listings/{id}/edit"),
    ("post", "/maker/listings/{id}/edit"),
    ("post", "/maker/listings/{id}/submit"),
    ("post", "/maker/listings/{id}/archive"),
    ("post", "/maker/listings/{id}/restore"),
    ("post", "/maker/listings/{id}/stock"),
]


@pytest.mark.parametrize(("method", "url"), OWNER_URLS)
def test_another_makers_listing_is_not_found(client, maker, method, url):
    foreign = make_product(make_maker(with_user=True), status=L.DRAFT, stock=5)
    response = getattr(client, method)(url.format(id=foreign.id), data={"stock": "1"})
    assert response.status_code == 404
    product = db.session.get(Product, foreign.id)
    assert (product.status, product.stock) == (L.DRAFT, 5)


def test_another_makers_listing_is_not_in_her_list(client, maker):
    make_product(make_maker(), title_id="Tas Orang Lain")
    assert "Tas Orang Lain" not in client.get("/maker/listings/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["customer", "admin", "sponsor"])
def test_other_roles_cannot_open_the_maker_listings(client, login_as, role):
    from tests.factories import make_user

    login_as(make_user(role))
    assert client.get("/maker/listings/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/maker/listings/new")
    assert response.status_code in (302, 401)
