"""Reviews: only the buyer of a paid, delivered line, once, never her own product; nothing is
public before an admin approves it; the maker replies once (moderated too)."""

import pytest
from sqlalchemy import select

from storefront.audit import AuditEntry
from storefront.auth.models import Role
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.reviews.models import Review, ReviewStatus
from tests.conftest import login
from tests.factories import make_maker, make_product, make_sold_order, make_user, photo_bytes


def delivered(product=None, *, status="delivered", email=None, method="ship", contact=None):
    """A paid order of one `product`, at `status`, its line pointing at the product."""
    product = product or make_product()
    order = make_sold_order(
        [(product.maker, product.price_idr, 1, product.title_id)],
        status=status,
        email=email,
        delivery_method=method,
    )
    order.lines[0].product_id = product.id
    if contact:
        order.contact_name = contact
    db.session.commit()
    return order, order.lines[0], product


def review_url(order, line):
    return f"/orders/{order.token}/review/{line.id}"


def post_review(client, order, line, **data):
    return client.post(review_url(order, line), data={"rating": "5", "body": "Bagus!", **data})


def reviews_of(product):
    return list(db.session.scalars(select(Review).where(Review.product_id == product.id)))


@pytest.fixture
def admin(app):
    return make_user(Role.ADMIN)


@pytest.mark.parametrize("status", ["delivered", "picked_up"])
def test_buyer_of_a_delivered_line_reviews_it_without_an_account(client, status):
    method = "pickup" if status == "picked_up" else "ship"
    order, line, product = delivered(status=status, method=method)
    assert client.get(review_url(order, line)).status_code == 200
    response = post_review(client, order, line, rating="4", body="Rapi sekali")
    assert response.status_code == 302
    (review,) = reviews_of(product)
    assert (review.rating, review.body, review.status) == (4, "Rapi sekali", ReviewStatus.PENDING)


@pytest.mark.parametrize("status", ["paid", "packed", "shipped", "refunded", "cancelled"])
def test_a_line_not_delivered_or_refunded_cannot_be_reviewed(client, status):
    order, line, product = delivered(status=status)
    assert client.get(review_url(order, line)).status_code == 403
    assert post_review(client, order, line).status_code == 403
    assert reviews_of(product) == []


def test_an_unpaid_delivered_looking_order_cannot_be_reviewed(client):
    order, line, _product = delivered()
    order.paid_at = None
    db.session.commit()
    assert post_review(client, order, line).status_code == 403


def test_a_product_is_reviewed_once_even_from_a_second_order(client):
    product = make_product()
    order, line, _ = delivered(product, email="rina@example.com")
    assert post_review(client, order, line).status_code == 302
    assert post_review(client, order, line).status_code == 403
    second, second_line, _ = delivered(product, email="RINA@example.com")
    assert post_review(client, second, second_line).status_code == 403
    assert len(reviews_of(product)) == 1


def test_a_maker_cannot_review_her_own_product(client):
    maker = make_maker(with_user=True)
    product = make_product(maker)
    order, line, _ = delivered(product, email=maker.user.email)
    assert post_review(client, order, line).status_code == 403
    assert reviews_of(product) == []


def test_a_line_of_another_order_is_404(client):
    order, _, _ = delivered()
    _, other_line, _ = delivered()
    assert post_review(client, order, other_line).status_code == 404


def test_links_and_bad_ratings_are_refused(client):
    order, line, product = delivered()
    assert post_review(client, order, line, body="murah di www.spam.example").status_code == 400
    assert post_review(client, order, line, body="see https://x.test/a").status_code == 400
    assert post_review(client, order, line, rating="9").status_code == 400
    assert post_review(client, order, line, body="x" * 1001).status_code == 400
    assert reviews_of(product) == []


def test_a_review_photo_goes_through_the_photo_pipeline(client):
    order, line, product = delivered()
    from io import BytesIO

    response = client.post(
        review_url(order, line),
        data={"rating": "5", "body": "", "photo": (BytesIO(photo_bytes()), "bag.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    (review,) = reviews_of(product)
    assert review.photo_key and len(review.photo_key) == 24
    bad = delivered()
    response = client.post(
        review_url(bad[0], bad[1]),
        data={"rating": "5", "photo": (BytesIO(b"<svg>not a photo</svg>"), "x.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


def test_the_order_page_links_to_the_review_only_after_delivery(client):
    order, line, _ = delivered(status="shipped")
    assert review_url(order, line) not in client.get(f"/orders/{order.token}").text
    order.status = "delivered"
    db.session.commit()
    assert review_url(order, line) in client.get(f"/orders/{order.token}").text


def test_nothing_is_public_before_approval_then_first_name_and_city_only(client, admin):
    order, line, product = delivered(contact="Rina Wulandari Putri")
    post_review(client, order, line, body="Jahitannya kuat")
    page = client.get(f"/products/{product.slug}").text
    assert "Jahitannya kuat" not in page
    login(client, admin)
    (review,) = reviews_of(product)
    queue = client.get("/admin/reviews/")
    assert "Jahitannya kuat" in queue.text
    assert client.post(f"/admin/reviews/{review.id}/approve").status_code == 302
    client.post("/auth/logout")
    page = client.get(f"/products/{product.slug}").text
    assert "Jahitannya kuat" in page and "Rina" in page and "Jakarta Utara" in page
    assert "Wulandari" not in page and order.email not in page
    product = db.session.get(Product, product.id)
    assert (product.review_count, product.rating_total) == (1, 5)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_type == "review"))
    assert (entry.action, entry.actor_id) == ("review.approve", admin.id)


def test_reject_needs_a_reason_is_audited_and_stays_hidden(client, admin):
    order, line, product = delivered()
    post_review(client, order, line, body="Tidak jelas")
    (review,) = reviews_of(product)
    login(client, admin)
    assert client.post(f"/admin/reviews/{review.id}/reject", data={"reason": ""}).status_code == 400
    response = client.post(f"/admin/reviews/{review.id}/reject", data={"reason": "Off topic"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, review.id).status == ReviewStatus.REJECTED
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "review.reject"))
    assert entry.reason == "Off topic"
    assert "Tidak jelas" not in client.get(f"/products/{product.slug}").text
    assert client.post(f"/admin/reviews/{review.id}/approve").status_code == 409


@pytest.mark.parametrize("role", [None, Role.CUSTOMER, Role.MAKER, Role.SPONSOR])
def test_only_admins_moderate(client, role):
    order, line, product = delivered()
    post_review(client, order, line)
    (review,) = reviews_of(product)
    if role is not None:
        login(client, make_user(role))
    assert client.get("/admin/reviews/").status_code in (302, 403)
    assert client.post(f"/admin/reviews/{review.id}/approve").status_code in (302, 403)
    db.session.expire_all()
    assert db.session.get(Review, review.id).status == ReviewStatus.PENDING


def _approved(client, admin, product=None):
    order, line, product = delivered(product)
    post_review(client, order, line, body="Suka sekali")
    (review,) = reviews_of(product)
    from storefront.reviews import services

    services.approve(review, admin_id=admin.id)
    return db.session.get(Review, review.id), product


def test_the_maker_replies_once_and_the_reply_is_moderated(client, admin):
    maker = make_maker(with_user=True)
    review, product = _approved(client, admin, make_product(maker))
    login(client, maker.user)
    assert "Suka sekali" in client.get("/maker/reviews").text
    url = f"/maker/reviews/{review.id}/reply"
    assert client.post(url, data={"body": "Terima kasih!"}).status_code == 302
    assert client.post(url, data={"body": "Lagi"}).status_code == 400
    assert "Terima kasih!" not in client.get(f"/products/{product.slug}").text
    login(client, admin)
    assert client.post(f"/admin/reviews/{review.id}/reply_approve").status_code == 302
    assert "Terima kasih!" in client.get(f"/products/{product.slug}").text


def test_a_maker_cannot_reply_to_another_makers_review(client, admin):
    review, _ = _approved(client, admin)
    other = make_maker(with_user=True)
    login(client, other.user)
    assert client.post(f"/maker/reviews/{review.id}/reply", data={"body": "Hi"}).status_code == 404


def test_cards_and_maker_page_show_average_and_count(client, admin):
    maker = make_maker()
    product = make_product(maker)
    _approved(client, admin, product)
    assert "(1)" in client.get("/products").text
    assert 'id="maker-rating"' in client.get(f"/makers/{maker.slug}").text


def test_review_pages_paginate_newest_first(client, admin):
    product = make_product()
    for n in range(12):
        order, line, _ = delivered(product, email=f"b{n}@example.com")
        post_review(client, order, line, body=f"ulasan nomor {n:02d}")
    from storefront.reviews import services

    for review in sorted(reviews_of(product), key=lambda r: r.id):
        services.approve(review, admin_id=admin.id)
    first = client.get(f"/products/{product.slug}/reviews").text
    assert first.index("ulasan nomor 11") < first.index("ulasan nomor 10")
    assert "ulasan nomor 01" not in first
    assert "ulasan nomor 00" in client.get(f"/products/{product.slug}/reviews?page=2").text
    assert client.get(f"/products/{product.slug}/reviews?page=3").status_code == 404


def test_an_approved_review_shows_its_photo_and_never_a_link(client, admin):
    from io import BytesIO

    order, line, product = delivered()
    client.post(
        review_url(order, line),
        data={"rating": "5", "body": "Bagus", "photo": (BytesIO(photo_bytes()), "bag.jpg")},
        content_type="multipart/form-data",
    )
    (review,) = reviews_of(product)
    review.body = "lihat http://spam.example sekarang"  # as if one got through
    db.session.commit()
    from storefront.reviews import services

    services.approve(review, admin_id=admin.id)
    page = client.get(f"/products/{product.slug}").text
    assert f"/media/{review.photo_key}-400.webp" in page
    assert "spam.example" not in page and "lihat […] sekarang" in page


def test_review_posts_are_rate_limited(client):
    order, line, _ = delivered()
    codes = [post_review(client, order, line, rating="9").status_code for _ in range(21)]
    assert codes[-1] == 429 and 429 not in codes[:20]


def test_review_pages_cost_the_same_queries_for_one_or_many_reviews(client, admin, count_queries):
    from storefront.reviews import services

    product = make_product()

    def add_reviews(n, start):
        for i in range(start, start + n):
            order, line, _ = delivered(product, email=f"q{i}@example.com")
            review = services.submit_review(order, line, rating=4, body="ok", photo=None)
            services.approve(review, admin_id=admin.id)

    add_reviews(1, 0)
    client.get(f"/products/{product.slug}")
    with count_queries() as one:
        client.get(f"/products/{product.slug}")
        client.get("/products")
    add_reviews(6, 1)
    with count_queries() as many:
        client.get(f"/products/{product.slug}")
        client.get("/products")
    assert many.count == one.count
