"""Order use cases after checkout: paid, failed, cancelled, expired. Each is idempotent: a second
call for the same fact changes nothing."""

import logging
from datetime import datetime
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from storefront import audit
from storefront.database import rows_matched, utcnow
from storefront.extensions import db
from storefront.orders import notes, stock
from storefront.orders.models import Order, OrderStatus, OrderStatusChange
from storefront.orders.notes import NO_NOTE, Note
from storefront.vouchers import services as vouchers

log = logging.getLogger(__name__)
S = OrderStatus


class PaidOutcome(StrEnum):
    PAID = "paid"
    REVIEW = "review"  # paid after its stock was released and resold: refund, admins look
    UNCHANGED = "unchanged"


def claim_status(
    order: Order, to_status: str, *, note: Note = NO_NOTE, actor_id: int | None = None
) -> bool:
    """THE one way an order's status changes (no commit): allowed by TRANSITIONS, and only if
    nobody changed it meanwhile (a conditional UPDATE, so a webhook and the return page racing
    cannot both act); records the status-change row. False if not allowed or lost."""
    from_status = order.status
    if not order.can_change_to(to_status):
        return False
    result = db.session.execute(
        update(Order)
        .where(Order.id == order.id, Order.status == from_status)
        .values(status=to_status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        db.session.expire(order)
        return False
    set_committed_value(order, "status", to_status)
    _record(order, from_status, to_status, note, actor_id)
    return True


def _record(
    order: Order, from_status: str, to_status: str, note: Note, actor_id: int | None
) -> None:
    db.session.add(
        OrderStatusChange(
            order_id=order.id,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor_id,
            note=note,
        )
    )
    # The audit log lists what people did to orders (steps, cancellations) and every refund.
    refund = to_status == S.REFUNDED or note.kind == notes.NoteKind.PARTIAL_REFUND
    if actor_id is not None or refund:
        action = (
            "order.partial_refund"
            if note.kind == notes.NoteKind.PARTIAL_REFUND
            else "order.refunded"
            if to_status == S.REFUNDED
            else "order.step"
        )
        details: dict[str, str | int] = {"order_from": from_status, "order_to": to_status}
        if "amount_idr" in note.params:
            details["amount_idr"] = note.params["amount_idr"]
        audit.record(actor_id, action, "order", order.id, details=details)


def note_partial_refund(
    order: Order, amount_idr: int, reference: str, *, actor_id: int | None = None
) -> None:
    """Put a partial refund on the order's timeline (its status does not change); no commit."""
    note = notes.partial_refund(amount_idr, reference)
    _record(order, order.status, order.status, note, actor_id)


def apply_paid(order: Order, reference: str, amount_idr: int, event_id: str) -> PaidOutcome:
    """The order's side of a payment (no commit): paid, or in review if its stock was resold
    meanwhile. payments.paid posts the money with it and commits."""
    if order.status not in (S.PENDING_PAYMENT, S.CANCELLED):
        return PaidOutcome.UNCHANGED
    if amount_idr != order.total_idr:
        log.warning("paid amount differs from order total", extra={"order_id": order.id})
        return PaidOutcome.UNCHANGED
    was_released = order.status == S.CANCELLED
    note = notes.payment(reference, event_id)
    if was_released and stock.take_all(stock.stocked_lines(order)) is not None:
        if not claim_status(order, S.NEEDS_REVIEW, note=note):
            return PaidOutcome.UNCHANGED
        order.review_reason = "Paid after the reservation expired and the stock was sold: refund."
        order.payment_reference = order.payment_reference or reference
        return PaidOutcome.REVIEW
    if not claim_status(order, S.PAID, note=note):
        if was_released:
            stock.release_all(order)  # give back the units just re-taken
        return PaidOutcome.UNCHANGED
    if was_released and order.voucher_code:  # paid at the discounted price: it was used
        vouchers.retake_use(order.id, order.voucher_code, order.discount_idr, order.email)
    order.payment_reference = order.payment_reference or reference
    order.paid_at = utcnow()
    order.reserved_until = None
    return PaidOutcome.PAID


def apply_payment_failed(order: Order, reference: str | None, event_id: str) -> None:
    """Keep the reservation so the customer can try again before it expires; note the failure."""
    if order.status != S.PENDING_PAYMENT:
        return
    _record(order, order.status, order.status, notes.payment_failed(reference, event_id), None)


def apply_cancel(order: Order, *, note: Note, actor_id: int | None = None) -> bool:
    """Cancel a pending order and give its stock back, without committing. False if not pending."""
    if order.status != S.PENDING_PAYMENT:
        return False
    if not claim_status(order, S.CANCELLED, note=note, actor_id=actor_id):
        return False
    stock.release_all(order)
    vouchers.release_use(order.id)  # an unpaid order does not use up a voucher code
    order.reserved_until = None
    return True


def expired_pending(
    now: datetime, limit: int, *, without_payment_at: str | None = None
) -> list[Order]:
    """Pending orders whose reservation ended, oldest first (only those with no payment at the
    gateway `without_payment_at`, if given). The usual case is one indexed SELECT that finds
    nothing (cheap enough to run on reads)."""
    query = select(Order).where(Order.status == S.PENDING_PAYMENT, Order.reserved_until < now)
    if without_payment_at is not None:
        query = query.where(
            or_(
                Order.payment_reference.is_(None),
                Order.gateway.is_(None),
                Order.gateway != without_payment_at,
            )
        )
    return list(db.session.scalars(query.order_by(Order.reserved_until).limit(limit)))


def pending_payments(placed_before: datetime, gateway_name: str, limit: int) -> list[Order]:
    """Pending orders placed before `placed_before` that have a payment with `gateway_name`."""
    return list(
        db.session.scalars(
            select(Order)
            .where(
                Order.status == S.PENDING_PAYMENT,
                Order.created_at < placed_before,
                Order.payment_reference.is_not(None),
                Order.gateway == gateway_name,
            )
            .order_by(Order.created_at)
            .limit(limit)
        )
    )


def expire_order(order: Order) -> bool:
    """Cancel an expired pending order and give its stock back (no commit). The caller has made
    sure its payment cannot succeed any more (payments.expiry asks the gateway first)."""
    return apply_cancel(order, note=notes.RESERVATION_EXPIRED)
