"""An order below the payment service's minimum charge (issue 10) is refused with a clear
"minimum order" message before any stock is held; the minimum belongs to the gateway contract."""

import pytest

from storefront.cart.models import Cart, CartLine
from storefront.catalog.models import Product
from storefront.checkout.models import CheckoutAttempt
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.payments.stripe_gateway import StripeGateway
from storefront.payments.test_gateway import TestGateway
from tests.factories import cart_add, checkout_post, latest_order, make_product

EN = {"Accept-Language": "en"}


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def stock_of(product) -> int:
    return db.session.scalar(db.select(Product.stock).where(Product.id == product.id))


@pytest.fixture
def gateway_minimum(app):
    """Use another minimum for this test: the checkout reads it from the app's gateway."""

    def use(minimum: int) -> None:
        gateway = TestGateway()
        gateway.min_amount_idr = minimum
        app.extensions["storefront.gateway"] = gateway

    yield use
    app.extensions.pop("storefront.gateway", None)


def assert_nothing_held(product, stock: int) -> None:
    assert stock_of(product) == stock
    assert count(Order) == 0 and count(CheckoutAttempt) == 0
    assert count(CartLine) == 1
    assert db.session.scalars(db.select(Cart.checkout_key)).one() is None


def test_an_order_below_the_minimum_is_refused_and_holds_no_stock(client):
    product = make_product(price_idr=5_000, stock=4)
    cart_add(client, product, 1)
    client.set_cookie("lang", "en")
    response = checkout_post(client, delivery="pickup")
    assert response.status_code == 400
    assert "The minimum order is Rp10.000; this order comes to Rp5.000." in response.text
    assert_nothing_held(product, 4)


def test_the_minimum_order_message_is_in_indonesian_for_indonesian_buyers(client):
    product = make_product(price_idr=5_000, stock=4)
    cart_add(client, product, 1)
    response = checkout_post(client, delivery="pickup")
    assert response.status_code == 400
    assert "Pesanan minimum Rp10.000; pesanan ini berjumlah Rp5.000." in response.text


def test_delivery_counts_towards_the_minimum(client):
    product = make_product(price_idr=5_000, stock=4)
    cart_add(client, product, 1)
    assert checkout_post(client, delivery="ship").status_code == 302
    assert latest_order().total_idr == 20_000
    assert stock_of(product) == 3


def test_an_order_of_exactly_the_minimum_is_placed(client):
    product = make_product(price_idr=5_000, stock=4)
    cart_add(client, product, 2)
    assert checkout_post(client, delivery="pickup").status_code == 302
    assert latest_order().total_idr == 10_000


def test_the_minimum_is_the_gateways_own(client, gateway_minimum):
    gateway_minimum(200_000)
    product = make_product(price_idr=150_000, stock=4)
    cart_add(client, product, 1)
    response = checkout_post(client, delivery="pickup")
    assert response.status_code == 400
    assert "Rp200.000" in response.text
    assert_nothing_held(product, 4)


def test_every_gateway_declares_a_minimum_stripe_would_accept():
    # Stripe's minimum charge is about US$0.50 (STRIPE.md), some Rp8.500.
    assert StripeGateway.min_amount_idr >= 8_500
    assert TestGateway.min_amount_idr == StripeGateway.min_amount_idr
