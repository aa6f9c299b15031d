"""Reviews only from lines the buyer kept: a line of a delivered order refunded in full (all its
items) cannot be reviewed, its link is hidden and its unmoderated review cannot be published; a
line refunded in part (one of two items, or a compensation spread over the order) still can."""

import pytest
from sqlalchemy import select

from storefront.auth.models import Role
from storefront.extensions import db
from storefront.payments import refunds
from storefront.reviews.models import Review, ReviewStatus
from tests.conftest import login
from tests.factories import make_product, make_sold_order, make_user

EN = {"Accept-Language": "en"}


class FakeGateway:
    name = "test"

    def refund(self, reference, amount_idr, idempotency_key):
        return f"re_{idempotency_key}"


@pytest.fixture(autouse=True)
def gateway(monkeypatch):
    monkeypatch.setattr(refunds, "_default_gateway", FakeGateway)


@pytest.fixture
def admin_client(app):
    client = app.test_client()
    login(client, make_user(Role.ADMIN))
    return client


def delivered_order(*quantities):
    """A delivered order of one line per quantity, each line a different product."""
    products = [make_product() for _ in quantities]
    order = make_sold_order(
        [(p.maker, p.price_idr, q, p.title_id) for p, q in zip(products, quantities, strict=True)],
        status="delivered",
    )
    for line, product in zip(order.lines, products, strict=True):
        line.product_id = product.id
    db.session.commit()
    return order


def refund(admin_client, order, **fields):
    data = {"confirmed": "1", **fields}
    response = admin_client.post(f"/admin/orders/{order.id}/refund", data=data)
    assert response.status_code == 302, response.text


def review_url(order, line):
    return f"/orders/{order.token}/review/{line.id}"


def post_review(client, order, line):
    return client.post(review_url(order, line), data={"rating": "5", "body": "Bagus!"}, headers=EN)


def test_a_line_refunded_in_full_cannot_be_reviewed_and_the_other_line_can(client, admin_client):
    order = delivered_order(1, 1)
    kept, refunded = order.lines
    refund(admin_client, order, **{f"qty-{refunded.id}": "1"})
    assert order.status == "delivered"  # a partial refund of the order
    page = client.get(f"/orders/{order.token}", headers=EN).text
    assert review_url(order, kept) in page
    assert review_url(order, refunded) not in page
    refused = post_review(client, order, refunded)
    assert refused.status_code == 403
    assert "refunded" in refused.text
    assert client.get(review_url(order, refunded)).status_code == 403
    assert post_review(client, order, kept).status_code == 302
    reviewed = db.session.scalars(select(Review.order_line_id)).all()
    assert reviewed == [kept.id]


def test_a_line_refunded_in_part_one_of_two_items_can_still_be_reviewed(client, admin_client):
    order = delivered_order(2)
    (line,) = order.lines
    refund(admin_client, order, **{f"qty-{line.id}": "1"})
    assert review_url(order, line) in client.get(f"/orders/{order.token}").text
    assert post_review(client, order, line).status_code == 302


def test_a_compensation_refund_of_part_of_the_order_leaves_its_lines_reviewable(
    client, admin_client
):
    order = delivered_order(1, 1)
    refund(admin_client, order, amount="20000")
    for line in order.lines:
        assert post_review(client, order, line).status_code == 302


def test_a_pending_review_of_a_line_then_refunded_in_full_is_flagged_and_cannot_be_approved(
    client, admin_client
):
    order = delivered_order(1, 1)
    line = order.lines[0]
    assert post_review(client, order, line).status_code == 302
    review = db.session.scalar(select(Review))
    refund(admin_client, order, **{f"qty-{line.id}": "1"})
    queue = admin_client.get("/admin/reviews/", headers=EN).text
    assert f'id="refunded-review-{review.id}"' in queue
    approve = admin_client.post(f"/admin/reviews/{review.id}/approve", headers=EN)
    assert approve.status_code == 302
    assert "refunded" in admin_client.get(approve.location, headers=EN).text
    db.session.expire_all()
    assert db.session.get(Review, review.id).status == ReviewStatus.PENDING
    assert "Bagus!" not in client.get(f"/products/{make_product_slug(line)}").text
    reject = admin_client.post(
        f"/admin/reviews/{review.id}/reject", data={"reason": "Item refunded"}
    )
    assert reject.status_code == 302
    assert db.session.get(Review, review.id).status == ReviewStatus.REJECTED


def make_product_slug(line):
    from storefront.catalog.models import Product

    return db.session.get(Product, line.product_id).slug
