"""Order pages as people read them: statuses in their language, links to each order, and every
refund, partial ones included, on the order's timeline."""

import pytest

from storefront.extensions import db
from storefront.orders.models import OrderStatus, OrderStatusChange
from storefront.orders.notes import NoteKind
from storefront.payments import refunds, webhooks
from storefront.payments.gateway import GatewayEvent
from tests.conftest import login
from tests.factories import make_maker, make_sold_order, make_user

EN = {"Accept-Language": "en"}


class FakeGateway:
    name = "fake"

    def refund(self, reference, amount_idr, idempotency_key):
        return "re_partial_1"


@pytest.fixture
def admin(login_as):
    user = make_user("admin")
    login_as(user)
    return user


@pytest.fixture
def order():
    return make_sold_order([(make_maker(), 100_000, 1)], shipping_idr=10_000)


@pytest.fixture(autouse=True)
def fake_gateway(monkeypatch):
    monkeypatch.setattr(refunds, "_default_gateway", lambda: FakeGateway())


def _refund_event(order, event_id, refunded_total):
    return GatewayEvent(
        id=event_id,
        type="charge.refunded",
        reference=order.payment_reference,
        order_id=order.id,
        amount_idr=refunded_total,
        currency="idr",
    )


def _partial_refund_notes(order):
    changes = db.session.scalars(
        db.select(OrderStatusChange).where(OrderStatusChange.order_id == order.id)
    ).all()
    return [c.note_params for c in changes if c.note_kind == NoteKind.PARTIAL_REFUND]


def test_admin_order_detail_names_the_status_in_indonesian(client, admin, order):
    html = client.get(f"/admin/orders/{order.id}").get_data(as_text=True)
    assert 'id="order-status">Sudah dibayar<' in html
    assert 'id="order-status">paid<' not in html


def test_admin_order_list_names_statuses_in_indonesian(client, admin, order):
    html = client.get("/admin/orders/").get_data(as_text=True)
    assert "<td>Sudah dibayar</td>" in html
    assert "<td>paid</td>" not in html


def test_admin_status_filter_offers_translated_statuses(client, admin, order):
    html = client.get("/admin/orders/", headers=EN).get_data(as_text=True)
    assert '<option value="ready_for_pickup">Ready for pick-up</option>' in html


def test_admin_timeline_names_both_statuses_of_a_change(client, admin, order):
    client.post(f"/admin/orders/{order.id}/steps/pack")
    html = client.get(f"/admin/orders/{order.id}", headers=EN).get_data(as_text=True)
    assert "Paid → <strong>Packed</strong>" in html


def test_account_orders_link_to_each_order_page(client):
    customer = make_user()
    order = make_sold_order([(make_maker(), 50_000, 1)])
    order.user_id = customer.id
    db.session.commit()
    login(client, customer)
    html = client.get("/account/orders", headers=EN).get_data(as_text=True)
    assert f'href="/orders/{order.token}"' in html
    assert "Paid" in html


def test_partial_refund_by_an_admin_is_on_the_admin_timeline(client, admin, order):
    client.post(f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "11000"})
    html = client.get(f"/admin/orders/{order.id}", headers=EN).get_data(as_text=True)
    assert "Partial refund of Rp11.000 (re_partial_1)" in html
    assert admin.name in html.split("partial refund")[0].rsplit("<li>", 1)[1]


def test_partial_refund_is_on_the_customer_timeline(client, admin, order):
    client.post(f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "11000"})
    html = client.get(f"/orders/{order.token}", headers=EN).get_data(as_text=True)
    assert "part of your payment was refunded" in html
    assert "payment did not go through" not in html
    assert 'id="order-status">Paid<' in html


def test_full_refund_adds_no_partial_refund_line(client, admin, order):
    client.post(f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "110000"})
    db.session.expire_all()
    assert order.status == OrderStatus.REFUNDED
    assert _partial_refund_notes(order) == []


def test_partial_refund_reported_by_the_gateway_is_on_the_timeline_once(client, order):
    webhooks.process_event(_refund_event(order, "evt_r1", 20_000))
    webhooks.process_event(_refund_event(order, "evt_r1", 20_000))  # replay
    webhooks.process_event(_refund_event(order, "evt_r1b", 20_000))  # same refund, new event
    webhooks.process_event(_refund_event(order, "evt_r2", 50_000))  # a second refund
    assert _partial_refund_notes(order) == [
        {"amount_idr": 20_000, "reference": order.payment_reference},
        {"amount_idr": 30_000, "reference": order.payment_reference},
    ]


def test_admin_refund_and_its_webhook_put_one_line_on_the_timeline(client, admin, order):
    client.post(f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "11000"})
    webhooks.process_event(_refund_event(order, "evt_after_admin", 11_000))
    assert len(_partial_refund_notes(order)) == 1
