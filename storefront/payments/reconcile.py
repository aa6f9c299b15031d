"""Asking the gateway, the source of truth, what became of a payment whose notification may have
been lost: for every payment pending too long, and for an expired order before it is cancelled."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders import services as orders
from storefront.orders.models import Order, OrderStatus, OrderStatusChange
from storefront.payments.gateway import (
    EXPIRED,
    PAID,
    Gateway,
    GatewayError,
    GatewayEvent,
    PaymentResult,
)
from storefront.payments.models import PaymentEvent
from storefront.payments.registry import gateways
from storefront.payments.webhooks import process_event

log = logging.getLogger(__name__)
# The gateway states that settle an order, as the event the gateway would have sent.
SETTLING_EVENTS = {
    "succeeded": "payment_intent.succeeded",
    "canceled": "payment_intent.canceled",
}


@dataclass
class Reconciled:
    checked: int = 0
    settled: int = 0
    unreachable: int = 0


def apply_state(state: PaymentResult, gateway: Gateway) -> bool:
    """Apply a settled state as if its notification had come: the same checks (mode, amount,
    currency, order) and the same once-only record, so the real notification arriving later,
    or another run, changes nothing. False if the state settles nothing yet."""
    kind = SETTLING_EVENTS.get(state.status)
    if kind is None:
        return False
    event = GatewayEvent(
        id=f"reconciled:{state.reference}:{state.status}",
        type=kind,
        reference=state.reference,
        order_id=state.order_id,
        amount_idr=state.amount_idr,
        currency=state.currency,
        livemode=state.livemode,
    )
    process_event(event, livemode=gateway.livemode)
    return True


def _to_ask(placed_before: datetime, gateway_name: str, limit: int) -> list[Order]:
    """Payments pending too long, and unpaid orders holding a refund reported before its
    payment (the gateway took that money: its success may be the notification that was lost)."""
    pending = orders.pending_payments(placed_before, gateway_name, limit)
    waiting = db.session.scalars(
        select(Order)
        .join(PaymentEvent, PaymentEvent.order_id == Order.id)
        .where(
            PaymentEvent.is_deferred,
            Order.status.in_([OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED]),
            Order.payment_reference.is_not(None),
            Order.gateway == gateway_name,
        )
        .distinct()
        .limit(limit)
    )
    seen = {order.id for order in pending}
    extra = [order for order in waiting if order.id not in seen]
    seen |= {order.id for order in extra}
    cancelled = _cancelled_unconfirmed(placed_before - CANCELLED_WINDOW, gateway_name, limit)
    return pending + extra + [order for order in cancelled if order.id not in seen]


# Cancelled orders are asked about for this long after their cancel, until the gateway confirms
# the payment cancelled (or reports it paid): an admin cancel whose payment had succeeded.
CANCELLED_WINDOW = timedelta(days=2)


def _cancelled_unconfirmed(since: datetime, gateway_name: str, limit: int) -> list[Order]:
    settled = select(PaymentEvent.order_id).where(
        PaymentEvent.order_id.is_not(None),
        PaymentEvent.type.in_([*SETTLING_EVENTS.values(), PAID, EXPIRED]),
    )
    recent = select(OrderStatusChange.order_id).where(
        OrderStatusChange.to_status == OrderStatus.CANCELLED, OrderStatusChange.created_at >= since
    )
    return list(
        db.session.scalars(
            select(Order)
            .where(
                Order.status == OrderStatus.CANCELLED,
                Order.payment_reference.is_not(None),
                Order.gateway == gateway_name,
                Order.id.in_(recent),
                Order.id.not_in(settled),
            )
            .limit(limit)
        )
    )


def reconcile_payments(
    gateway: Gateway, now: datetime, *, pending_for: timedelta, limit: int = 200
) -> Reconciled:
    """Ask the gateway about every payment pending longer than `pending_for` (and every unpaid
    order holding an early refund) and apply what it says; one it cannot reach is left for the
    next run. Commits per order."""
    result = Reconciled()
    for order in _to_ask(now - pending_for, gateway.name, limit):
        reference = order.payment_reference or ""
        result.checked += 1
        try:
            state = gateway.retrieve_payment(reference)
        except GatewayError:
            log.warning("payment not reconciled", extra={"order_id": order.id}, exc_info=True)
            result.unreachable += 1
            continue
        result.settled += apply_state(state, gateway)
    return result


def reconcile_all(
    now: datetime | None = None, *, minutes: int = 15, limit: int = 200
) -> Reconciled:
    """The plain entry point (the reconcile-payments command, a scheduled job): every configured
    gateway asked about its payments pending longer than `minutes`. Commits per order."""
    now = now or utcnow()
    total = Reconciled()
    for gateway in gateways():
        result = reconcile_payments(
            gateway, now, pending_for=timedelta(minutes=minutes), limit=limit
        )
        total.checked += result.checked
        total.settled += result.settled
        total.unreachable += result.unreachable
    return total
