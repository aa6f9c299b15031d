"""The gateway idempotency key: the same after an unknown outcome (a timeout may have created the
payment: the retry gets it back), a new one after a definite refusal (the gateway keeps that answer
for the key), and an order never has two live payments."""

import pytest

from storefront.extensions import db
from storefront.orders.models import OrderStatus
from storefront.payments.gateway import GatewayError, GatewayUnavailable
from storefront.payments.test_gateway import TestGateway
from tests.factories import cart_add, checkout_post, latest_order, make_product


class Script:
    """create_payment answers with these outcomes in turn (an exception, or None: success)."""

    def __init__(self, real, *outcomes):
        self.real = real
        self.outcomes = list(outcomes)
        self.keys: list[str] = []

    def __call__(self, gateway, request):
        self.keys.append(request.idempotency_key)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        return self.real(gateway, request)


@pytest.fixture
def script(monkeypatch):
    def install(*outcomes):
        scripted = Script(TestGateway.create_payment, *outcomes)
        monkeypatch.setattr(TestGateway, "create_payment", lambda g, r: scripted(g, r))
        return scripted

    return install


def _pay(client, order):
    return client.post(f"/pay/{order.token}/test", data={"outcome": "success"})


def _place(client):
    cart_add(client, make_product(stock=1))
    checkout_post(client)
    return latest_order()


def test_retry_after_a_refused_payment_uses_a_new_idempotency_key(client, script):
    calls = script(GatewayError("stored failure"))
    order = _place(client)
    assert order.payment_reference is None
    _pay(client, order)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert len(calls.keys) == 2 and calls.keys[0] != calls.keys[1]
    assert calls.keys[1].endswith("-attempt-2")


def test_retry_after_an_unreachable_gateway_reuses_the_key(client, script):
    calls = script(GatewayUnavailable("timed out"), GatewayUnavailable("timed out"))
    order = _place(client)
    _pay(client, order)
    _pay(client, order)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert len(set(calls.keys)) == 1
    assert calls.keys[0].endswith("-attempt-1")


def test_an_order_with_a_live_payment_never_gets_a_second_one(client, script):
    calls = script()
    order = _place(client)
    reference = order.payment_reference
    client.post(f"/pay/{order.token}/test", data={"outcome": "failure"})
    client.post(f"/pay/{order.token}/test", data={"outcome": "failure"})
    _pay(client, order)
    db.session.expire_all()
    assert len(calls.keys) == 1
    assert (order.status, order.payment_reference) == (OrderStatus.PAID, reference)


def test_keys_of_different_orders_differ(app, client, script):
    calls = script()
    _place(client)
    _place(app.test_client())  # another buyer's cart (one cart has at most one pending order)
    assert len(set(calls.keys)) == 2
