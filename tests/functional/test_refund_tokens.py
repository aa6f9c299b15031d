"""Review fixes on refunds: a refund form sent twice refunds once (its one-time token), and an
order in review partly refunded at the gateway's dashboard is posted and can be refunded (the
rest) afterwards, the ledger summing to zero."""

import re

import pytest
from sqlalchemy import func, select

from storefront.earnings.models import LedgerEntry
from storefront.earnings.services import refunded_idr
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments import paid, refunds, webhooks
from tests.factories import make_maker, make_sold_order, make_user, refund_event
from tests.functional.test_orders import ledger_of, resold_while_unpaid

EN = {"Accept-Language": "en"}


class FakeGateway:
    """Refunds once per idempotency key, as Stripe does."""

    name = "fake"

    def __init__(self):
        self.calls, self.by_key = [], {}

    def refund(self, reference, amount_idr, idempotency_key):
        if idempotency_key not in self.by_key:
            self.calls.append(amount_idr)
            self.by_key[idempotency_key] = f"re_{len(self.calls)}"
        return self.by_key[idempotency_key]


@pytest.fixture
def gateway(monkeypatch):
    fake = FakeGateway()
    monkeypatch.setattr(refunds, "_default_gateway", lambda: fake)
    return fake


def _token(client, order) -> str:
    html = client.get(f"/admin/orders/{order.id}", headers=EN).get_data(as_text=True)
    return re.search(r'name="token"[^>]*value="([^"]+)"', html).group(1)


def _ledger_total() -> int:
    return db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)))


def test_the_same_refund_form_sent_twice_refunds_once(client, login_as, gateway):
    login_as(make_user("admin"))
    order = make_sold_order([(make_maker(), 100_000, 1)])
    token = _token(client, order)
    url = f"/admin/orders/{order.id}/refund"
    client.post(url, data={"confirmed": "1", "amount": "50000", "token": token})
    # The ledger moved on (before=50.000): an idempotency key made of it would be new.
    again = client.post(url, data={"confirmed": "1", "amount": "50000", "token": token}, headers=EN)
    assert again.status_code == 302
    html = client.get(again.location, headers=EN).get_data(as_text=True)
    assert "was already refunded" in html
    assert gateway.calls == [50_000]
    assert refunded_idr(order) == 50_000
    assert order.status == OrderStatus.PAID
    # A freshly drawn page refunds again, for real.
    client.post(url, data={"confirmed": "1", "amount": "50000", "token": _token(client, order)})
    assert gateway.calls == [50_000, 50_000]
    assert _ledger_total() == 0


def test_each_drawing_of_the_order_page_has_its_own_token(client, login_as):
    login_as(make_user("admin"))
    order = make_sold_order([(make_maker(), 100_000, 1)])
    assert _token(client, order) != _token(client, order)


def _held(order) -> int:
    return sum(amount for _, account, amount in ledger_of(order) if account == "held_payments")


@pytest.mark.parametrize("by", ["admin", "automatic"])
def test_part_refunded_at_the_dashboard_of_an_order_in_review_then_the_rest(
    client, app, gateway, monkeypatch, by
):
    from storefront.payments import registry

    monkeypatch.setattr(registry, "get_gateway", lambda: gateway)
    monkeypatch.setattr(refunds, "get_gateway", lambda: gateway)
    order = resold_while_unpaid(client, app)
    monkeypatch.setattr(refunds, "refund_review_order", lambda order: None)  # not yet
    assert paid.mark_paid(order, order.payment_reference, order.total_idr, "late") == "review"
    monkeypatch.undo()
    monkeypatch.setattr(refunds, "_default_gateway", lambda: gateway)
    monkeypatch.setattr(refunds, "get_gateway", lambda: gateway)
    webhooks.process_event(refund_event(order, 20_000, "evt_dashboard"))
    assert _held(order) == order.total_idr - 20_000
    assert order.status == OrderStatus.NEEDS_REVIEW
    if by == "admin":
        refunds.refund_order(order, actor_id=None, gateway=gateway)
    else:
        refunds.refund_review_order(order)
    assert gateway.calls == [order.total_idr - 20_000]
    assert order.status == OrderStatus.REFUNDED
    assert _held(order) == 0
    # The gateway then reports the whole total refunded: nothing more is posted.
    webhooks.process_event(refund_event(order, order.total_idr, "evt_all"))
    assert _held(order) == 0
    assert _ledger_total() == 0


def test_two_submits_of_one_refund_form_at_the_same_moment_refund_once(app):
    """The double tap on a slow gateway: both requests are in flight together. On PostgreSQL the
    second waits on the order's lock, then finds the token spent; without a lock (SQLite) its
    commit does. Either way one refund, posted once."""
    import threading
    import time

    order = make_sold_order([(make_maker(), 100_000, 1)])
    order_id, gateway = order.id, FakeGateway()
    slow = gateway.refund

    def slow_refund(*args):
        time.sleep(0.3)
        return slow(*args)

    gateway.refund = slow_refund
    outcomes, start = [], threading.Barrier(2)

    def submit():
        with app.app_context():
            start.wait()
            try:
                refunds.refund_order(
                    db.session.get(Order, order_id),
                    actor_id=None,
                    amount_idr=50_000,
                    gateway=gateway,
                    token="tok-same-form",
                )
                outcomes.append("refunded")
            except refunds.AlreadyRefunded:
                outcomes.append("already")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert sorted(outcomes) == ["already", "refunded"]
    assert gateway.calls == [50_000]
    assert refunded_idr(order) == 50_000
    assert _ledger_total() == 0
