"""A refund and its payment's success delivered at the same moment to the served app: whichever
commits first, the ledger of every order ends at paid minus refunded (no refund left deferred)."""

import threading

import requests
from sqlalchemy import func, select

from storefront.earnings.services import refunded_idr
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments.models import PaymentEvent
from tests.stripe_fixtures import make_event, place_stripe_order, signed_headers

ORDERS = 6
REFUND = 40_000


def _events(order: Order) -> list[tuple[str, dict]]:
    intent = {
        "id": order.payment_reference,
        "object": "payment_intent",
        "amount": order.total_idr * 100,
        "currency": "idr",
        "status": "succeeded",
        "metadata": {"order_id": str(order.id)},
    }
    charge = {
        "id": f"ch_{order.id}",
        "object": "charge",
        "payment_intent": order.payment_reference,
        "amount_refunded": REFUND * 100,
        "currency": "idr",
        "metadata": {},
    }
    return [("payment_intent.succeeded", intent), ("charge.refunded", charge)]


def test_refund_racing_its_payment_ends_with_the_net_on_the_ledger(stripe_config, live_app):
    orders = [place_stripe_order(150_000) for _ in range(ORDERS)]
    deliveries = [(kind, obj) for order in orders for kind, obj in _events(order)]
    start = threading.Barrier(len(deliveries))
    statuses: list[int] = []

    def deliver(kind: str, obj: dict) -> None:
        payload = make_event(kind, obj)
        start.wait()
        response = requests.post(
            f"{live_app}/payments/stripe/webhook",
            data=payload,
            headers=signed_headers(payload),
            timeout=60,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=deliver, args=d) for d in deliveries]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * len(deliveries)
    db.session.rollback()
    db.session.expire_all()
    for order in orders:
        order = db.session.get(Order, order.id)
        assert order.status == OrderStatus.PAID
        assert refunded_idr(order) == REFUND
    deferred = select(func.count()).where(PaymentEvent.is_deferred)
    assert db.session.scalar(deferred) == 0
