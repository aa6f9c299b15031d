"""Gateway events, whatever their source (Stripe's webhook, the test page): recorded once, checked
against the database, then dispatched. The event row and its effect commit together, so a replayed
or duplicated delivery changes nothing."""

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storefront.extensions import db
from storefront.orders import notes
from storefront.orders import services as orders
from storefront.orders.models import Order, OrderStatus
from storefront.payments import paid, refunds
from storefront.payments.gateway import EXPIRED, FAILED, PAID, REFUNDED, GatewayEvent
from storefront.payments.models import PaymentEvent
from storefront.payments.registry import get_gateway
from storefront.shop import CURRENCY

log = logging.getLogger(__name__)
S = OrderStatus
AfterCommit = Callable[[], None] | None


def _succeeded(order: Order, event: GatewayEvent, record: PaymentEvent) -> AfterCommit:
    outcome = paid.apply_paid(order, event.reference or "", event.amount_idr or 0, event.id)
    if order.status not in (S.PENDING_PAYMENT, S.CANCELLED):  # also if paid by the return page
        _apply_deferred_refunds(order)
    return lambda: paid.finish_paid(order, outcome)


def _failed(order: Order, event: GatewayEvent, record: PaymentEvent) -> AfterCommit:
    orders.apply_payment_failed(order, event.reference, event.id)
    return None


def _canceled(order: Order, event: GatewayEvent, record: PaymentEvent) -> AfterCommit:
    orders.apply_cancel(order, note=notes.payment_cancelled(event.id))
    return None


def _refunded(order: Order, event: GatewayEvent, record: PaymentEvent) -> AfterCommit:
    """charge.refunded carries the cumulative refunded amount; the ledger posts only what it does
    not hold yet, so an admin refund and the webhook reporting it post the money once. A refund
    reported before its payment (the gateway does not guarantee order) is kept and applied right
    after the sale, so the ledger ends equal to what the gateway holds."""
    record.amount_idr = event.amount_idr or 0
    # Locked and re-read: a success committing meanwhile is seen, or sees this deferred refund.
    db.session.refresh(order, with_for_update=True)
    if order.status in (S.PENDING_PAYMENT, S.CANCELLED):
        record.is_deferred = True
        log.info("refund before its payment kept for later", extra={"order_id": order.id})
        return None
    refunds.post_reported_refund(order, record.amount_idr, event.id, event.reference or event.id)
    return None


def _apply_deferred_refunds(order: Order) -> None:
    """The sale (or held payment) is posted now: apply the refunds that arrived before it."""
    deferred = db.session.scalars(
        select(PaymentEvent).where(PaymentEvent.order_id == order.id, PaymentEvent.is_deferred)
    ).all()
    if not deferred:
        return
    latest = max(deferred, key=lambda e: e.amount_idr or 0)  # cumulative: the largest holds all
    for record in deferred:
        record.is_deferred = False
    refunds.post_reported_refund(
        order, latest.amount_idr or 0, latest.event_id, latest.reference or ""
    )


HANDLERS: dict[str, Callable[[Order, GatewayEvent, PaymentEvent], AfterCommit]] = {
    "payment_intent.succeeded": _succeeded,
    "payment_intent.payment_failed": _failed,
    "payment_intent.canceled": _canceled,
    "charge.refunded": _refunded,
    # The shop's own names, as every gateway other than Stripe reports them.
    PAID: _succeeded,
    FAILED: _failed,
    EXPIRED: _canceled,
    REFUNDED: _refunded,
}
REFUND_EVENTS = frozenset({"charge.refunded", REFUNDED})


def _find_order(event: GatewayEvent) -> tuple[Order | None, str]:
    by_id = db.session.get(Order, event.order_id) if isinstance(event.order_id, int) else None
    by_ref = None
    if event.reference:
        by_ref = db.session.scalar(select(Order).where(Order.payment_reference == event.reference))
    if by_id and by_ref and by_id.id != by_ref.id:
        return None, "the payment belongs to another order"
    order = by_id or by_ref
    if order is None:
        return None, "no matching order"
    if order.payment_reference and event.reference and event.reference != order.payment_reference:
        return None, "the payment reference does not match the order"
    return order, ""


def _mismatch(event: GatewayEvent, order: Order, livemode: bool) -> str:
    if event.livemode != livemode:
        return f"a {_mode(event.livemode)} event for a {_mode(livemode)} shop"
    if not event.reference:
        return "the event names no payment"
    if event.order_id is not None and event.order_id != order.id:
        return f"the event is for order {event.order_id}, not {order.id}"
    if (event.currency or "").lower() != CURRENCY:
        return f"currency {event.currency!r} is not {CURRENCY}"
    amount = event.amount_idr
    if event.type in REFUND_EVENTS:
        if amount is None or amount < 0 or amount > order.total_idr:
            return f"refunded amount {amount} does not fit order total {order.total_idr}"
        if order.payment_reference != event.reference:
            return "the refund is for a payment the order does not have"
    elif amount != order.total_idr:
        return f"amount {amount} is not the order total {order.total_idr}"
    return ""


def _mode(livemode: bool) -> str:
    return "live-mode" if livemode else "test-mode"


def process_event(event: GatewayEvent, *, livemode: bool | None = None) -> None:
    """Record `event` once and apply it; a replay, an unknown type or a mismatch (mode, amount,
    currency, order, payment) changes nothing (a mismatch is flagged for admins). `livemode` is
    the shop's mode, by default its gateway's. Commits."""
    if livemode is None:
        livemode = get_gateway().livemode
    record = PaymentEvent(event_id=event.id[:255], type=event.type[:80], reference=event.reference)
    db.session.add(record)
    try:
        db.session.flush()  # the unique event id: a concurrent or later replay stops here
    except IntegrityError:
        db.session.rollback()
        log.info("replayed gateway event ignored", extra={"event_id": event.id})
        return
    after: AfterCommit = None
    handler = HANDLERS.get(event.type)
    if handler is not None:
        order, problem = _find_order(event)
        if order is not None:
            record.order_id = order.id
            problem = _mismatch(event, order, livemode)
        if problem:
            record.flag = problem[:300]
            log.warning("gateway event flagged: %s", problem, extra={"event_id": event.id})
        elif order is not None:  # always so without a problem: _find_order names one otherwise
            after = handler(order, event, record)
    db.session.commit()
    if after is not None:
        after()
