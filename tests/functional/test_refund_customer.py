"""Bug 11: the customer sees her refund (order page, email); the admin confirms it first."""

import pytest

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments import refunds
from tests.factories import make_maker, make_sold_order, make_user

S = OrderStatus
EN = {"Accept-Language": "en"}


class FakeGateway:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def refund(self, reference, amount_idr, idempotency_key):
        self.calls.append((reference, amount_idr, idempotency_key))
        return f"re_{len(self.calls)}"


@pytest.fixture
def gateway(monkeypatch):
    fake = FakeGateway()
    monkeypatch.setattr(refunds, "_default_gateway", lambda: fake)
    return fake


def _order():
    return make_sold_order([(make_maker(), 100_000, 1)], shipping_idr=10_000, status=S.PAID)


def test_first_submit_asks_to_confirm_and_sends_nothing(client, login_as, gateway, sent):
    login_as(make_user("admin"))
    order = _order()
    response = client.post(
        f"/admin/orders/{order.id}/refund", data={"amount": "11.000"}, headers=EN
    )
    assert response.status_code == 200
    assert "Confirm the refund" in response.text
    assert "Rp" in response.text and "11.000" in response.text
    assert 'name="confirmed"' in response.text
    assert gateway.calls == []
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == S.PAID


def test_confirmed_refund_is_sent_shown_to_the_customer_and_mailed(client, login_as, gateway, sent):
    login_as(make_user("admin"))
    order = _order()
    response = client.post(
        f"/admin/orders/{order.id}/refund", data={"amount": "11.000", "confirmed": "1"}
    )
    assert response.status_code == 302
    assert gateway.calls[0][1] == 11_000
    assert [(to, template) for to, template, _ in sent] == [(order.email, "order_refunded")]
    assert sent[0][2]["amount_idr"] == 11_000
    page = client.get(f"/orders/{order.token}", headers=EN).text
    assert 'id="order-refunded"' in page
    assert "Rp11.000" in page.replace("\xa0", "").replace(" ", "")


def test_full_refund_shows_the_whole_total(client, login_as, gateway, sent):
    login_as(make_user("admin"))
    order = _order()
    client.post(f"/admin/orders/{order.id}/refund", data={"amount": "110000", "confirmed": "1"})
    page = client.get(f"/orders/{order.token}", headers=EN).text
    refunded = page.split('id="order-refunded"')[1].split("</p>")[0]
    assert "110.000" in refunded


def test_refund_mail_says_the_amount_in_her_language(client, login_as, gateway, app):
    from pathlib import Path

    login_as(make_user("admin"))
    order = _order()
    client.post(f"/admin/orders/{order.id}/refund", data={"amount": "11000", "confirmed": "1"})
    latest = max(Path(app.config["MAIL_DIR"]).glob("*.eml"), key=lambda p: p.name)
    text = latest.read_text()
    assert order.number in text
    assert "11.000" in text
    assert "dikembalikan" in text  # Bahasa Indonesia, the order's language


def test_a_refund_made_at_the_gateway_is_mailed_once(app, sent):
    from storefront.payments import webhooks
    from tests.factories import refund_event

    order = _order()
    with app.test_request_context():
        webhooks.process_event(refund_event(order, 20_000, "evt_dash_1"))
        webhooks.process_event(refund_event(order, 20_000, "evt_dash_1"))  # replayed
    assert [(to, template) for to, template, _ in sent] == [(order.email, "order_refunded")]
    assert sent[0][2]["amount_idr"] == 20_000


def test_an_admin_refund_reported_back_by_the_gateway_is_not_mailed_twice(
    client, login_as, gateway, sent
):
    from storefront.payments import webhooks
    from tests.factories import refund_event

    login_as(make_user("admin"))
    order = _order()
    client.post(f"/admin/orders/{order.id}/refund", data={"amount": "11000", "confirmed": "1"})
    webhooks.process_event(refund_event(order, 11_000, "evt_after_admin"))
    assert len([1 for _, template, _ in sent if template == "order_refunded"]) == 1
