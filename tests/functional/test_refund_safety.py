"""Refunds never send money the ledger would refuse, never post twice, never lose a race."""

import pytest
from sqlalchemy import update

from storefront.earnings.services import refunded_idr
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders import fulfilment
from storefront.orders.models import InvalidTransition, Order, OrderStatus
from storefront.payments import refunds, webhooks
from tests.factories import make_maker, make_sold_order, refund_event


class FakeGateway:
    name = "fake"

    def __init__(self, during_refund=None):
        self.calls, self.during_refund = [], during_refund

    def refund(self, reference, amount_idr, idempotency_key):
        self.calls.append(amount_idr)
        if self.during_refund:
            self.during_refund(amount_idr)
        return f"re_{len(self.calls)}"


def test_refunding_the_same_items_twice_is_refused_before_any_money_moves():
    order = make_sold_order([(make_maker(), 50_000, 1), (make_maker(), 80_000, 1)])
    gateway = FakeGateway()
    line = order.lines[0].id
    refunds.refund_order(order, actor_id=None, quantities={line: 1}, gateway=gateway)
    with pytest.raises(DomainError):
        refunds.refund_order(order, actor_id=None, quantities={line: 1}, gateway=gateway)
    assert gateway.calls == [50_000]
    assert refunded_idr(order) == 50_000


def test_item_refund_reported_first_by_the_webhook_is_posted_once():
    order = make_sold_order([(make_maker(), 50_000, 1), (make_maker(), 80_000, 1)])
    # The gateway's charge.refunded arrives while the admin's request waits for the gateway.
    gateway = FakeGateway(lambda amount: webhooks.process_event(refund_event(order, amount)))
    refunds.refund_order(order, actor_id=None, quantities={order.lines[0].id: 1}, gateway=gateway)
    assert refunded_idr(order) == 50_000


def test_a_fulfilment_step_never_overwrites_a_refund_that_landed_meanwhile():
    order = make_sold_order([(make_maker(), 50_000, 1)])
    assert order.status == OrderStatus.PAID  # the admin's page loaded it as paid
    with db.engine.begin() as other:  # the webhook refunds it in another transaction
        other.execute(update(Order).where(Order.id == order.id).values(status="refunded"))
    with pytest.raises(InvalidTransition):
        fulfilment.pack(order, actor_id=None)
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.REFUNDED


def test_an_order_in_review_is_refunded_in_full_from_the_admin_page(client, login_as):
    from storefront.auth.models import Role
    from tests.factories import make_user

    order = make_sold_order([(make_maker(), 50_000, 1)], record=False, status="needs_review")
    order.paid_at = None
    from storefront.earnings.held import record_held_payment

    record_held_payment(order)
    db.session.commit()
    login_as(make_user(Role.ADMIN))
    page = client.get(f"/admin/orders/{order.id}", headers={"Accept-Language": "en"})
    assert "The money is held, not earned by anyone" in page.get_data(as_text=True)
    response = client.post(
        f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "50000"}
    )
    assert response.status_code == 302
    db.session.refresh(order)
    assert order.status == OrderStatus.REFUNDED
    from storefront.earnings.models import LedgerEntry

    held = db.session.scalar(
        db.select(db.func.sum(LedgerEntry.amount_idr)).where(LedgerEntry.account == "held_payments")
    )
    assert held == 0
