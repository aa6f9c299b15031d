"""A payment that could not be created when the order was placed (the gateway was down) is
created when the customer pays; the order is never stuck without one."""

import pytest

from storefront.extensions import db
from storefront.orders.models import OrderStatus
from storefront.payments.gateway import GatewayUnavailable
from storefront.payments.test_gateway import TestGateway
from tests.factories import cart_add, checkout_post, latest_order, make_product

EN = {"Accept-Language": "en"}


def _down(self, request):
    raise GatewayUnavailable("gateway down")


@pytest.fixture
def order_without_payment(client, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(TestGateway, "create_payment", _down)
        cart_add(client, make_product(stock=1))
        checkout_post(client)
    order = latest_order()
    assert order.status == OrderStatus.PENDING_PAYMENT and order.payment_reference is None
    return order


def test_paying_creates_the_payment_that_failed_at_order_placement(client, order_without_payment):
    order = order_without_payment
    client.post(f"/pay/{order.token}/test", data={"outcome": "success"})
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert order.payment_reference.startswith(f"test_{order.number}_")


def test_paying_while_the_gateway_is_still_down_says_so_and_keeps_the_order(
    client, order_without_payment, monkeypatch
):
    order = order_without_payment
    monkeypatch.setattr(TestGateway, "create_payment", _down)
    response = client.post(
        f"/pay/{order.token}/test", data={"outcome": "success"}, headers=EN, follow_redirects=True
    )
    assert "The payment service did not answer" in response.get_data(as_text=True)
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment_reference is None
