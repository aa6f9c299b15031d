"""One cart gives at most one pending order (issue 10): a second tab checking out the same cart
with its own form key is taken to the first order's pay page; once that order is paid, cancelled
or expired, the cart checks out normally again."""

import secrets
from datetime import timedelta

from storefront.cart.models import Cart
from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders.models import Order, OrderStatus
from storefront.payments.cancel import cancel_order
from tests.factories import CHECKOUT_FORM, cart_add, latest_order, make_product

EN = {"Accept-Language": "en"}


def checkout_post(client, key=None, **request_args):
    """The checkout form of one tab (its own idempotency key), posted."""
    key = key or secrets.token_urlsafe(24)
    return client.post("/checkout", data={**CHECKOUT_FORM, "idempotency_key": key}, **request_args)


def orders() -> list[Order]:
    return db.session.scalars(db.select(Order).order_by(Order.id)).all()


def stock_of(product) -> int:
    return db.session.scalar(db.select(Product.stock).where(Product.id == product.id))


def two_tabs_place_the_same_cart(client, product):
    """Both tabs loaded the checkout page (each has its own form key), then both post it."""
    cart_add(client, product, 1)
    assert client.get("/checkout").status_code == 200  # the page as both tabs show it
    first = checkout_post(client, key="tab-one-key-000000000000")
    second = checkout_post(client, key="tab-two-key-000000000000", headers=EN)
    return first, second


def test_second_tab_goes_to_the_first_orders_pay_page(client):
    product = make_product(stock=5)
    placed, second = two_tabs_place_the_same_cart(client, product)
    assert placed.status_code == second.status_code == 302
    order = latest_order()
    assert second.headers["Location"] == placed.headers["Location"] == f"/pay/{order.token}"
    assert len(orders()) == 1
    assert stock_of(product) == 4


def test_second_tab_is_told_why_in_the_buyers_language(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    checkout_post(client, key="tab-one-key-000000000000")
    page = checkout_post(client, "tab-two-key-000000000000", headers=EN, follow_redirects=True)
    assert page.status_code == 200
    assert f"Your order {latest_order().number} is waiting for payment." in page.text
    id_page = checkout_post(client, key="tab-three-key-0000000000", follow_redirects=True)
    assert f"Pesanan Anda {latest_order().number} menunggu pembayaran." in id_page.text


def test_items_added_while_an_order_waits_are_kept_and_no_second_order_is_made(client):
    product, other = make_product(stock=5), make_product(stock=5)
    cart_add(client, product, 1)
    checkout_post(client)
    cart_add(client, other, 2)
    response = checkout_post(client)
    assert response.headers["Location"] == f"/pay/{orders()[0].token}"
    assert len(orders()) == 1 and stock_of(other) == 5
    assert client.get("/checkout").headers["Location"] == f"/pay/{orders()[0].token}"
    cart = db.session.scalars(db.select(Cart)).one()
    assert [(line.product_id, line.quantity) for line in cart.lines] == [(other.id, 2)]


def test_after_the_order_is_paid_the_cart_checks_out_normally(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    checkout_post(client)
    client.post(f"/pay/{latest_order().token}/test", data={"outcome": "success"})
    assert orders()[0].status == OrderStatus.PAID
    cart_add(client, product, 2)
    response = checkout_post(client)
    assert len(orders()) == 2
    assert response.headers["Location"] == f"/pay/{orders()[1].token}"
    assert stock_of(product) == 2


def test_after_the_order_is_cancelled_the_cart_checks_out_normally(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    checkout_post(client)
    assert cancel_order(latest_order(), note=notes.typed("buyer asked"))
    cart_add(client, product, 1)
    checkout_post(client)
    assert [o.status for o in orders()] == [OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT]


def test_after_the_reservation_expires_the_cart_checks_out_normally(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    checkout_post(client)
    order = latest_order()
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    cart_add(client, product, 1)
    response = checkout_post(client)
    assert [o.status for o in orders()] == [OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT]
    assert response.headers["Location"] == f"/pay/{orders()[1].token}"
    assert stock_of(product) == 4


def test_a_checkout_that_failed_leaves_the_cart_unclaimed(client, monkeypatch):
    product = make_product(stock=1)
    cart_add(client, product, 1)
    from storefront.checkout import services

    real = services._checked_lines

    def sold_meanwhile(cart, locale):
        views = real(cart, locale)
        db.session.execute(db.update(Product).where(Product.id == product.id).values(stock=0))
        return views

    monkeypatch.setattr(services, "_checked_lines", sold_meanwhile)
    assert checkout_post(client).status_code == 409
    monkeypatch.undo()
    assert db.session.scalars(db.select(Cart.checkout_key)).one() is None
    assert checkout_post(client).status_code == 302
    assert len(orders()) == 1
