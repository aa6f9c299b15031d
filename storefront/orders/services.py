"""Order use cases after checkout: paid, failed, cancelled, expired. Each is idempotent: a second
call for the same fact changes nothing."""

import logging
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from storefront.database import rows_matched, utcnow
from storefront.earnings import held
from storefront.earnings import services as earnings
from storefront.extensions import db
from storefront.orders import notify, stock
from storefront.orders.models import Order, OrderStatus, OrderStatusChange
from storefront.payments.gateway import GatewayError
from storefront.payments.registry import get_gateway

log = logging.getLogger(__name__)
S = OrderStatus


class PaidOutcome(StrEnum):
    PAID = "paid"
    REVIEW = "review"  # paid after its stock was released and resold: refund, admins look
    UNCHANGED = "unchanged"


def claim_status(
    order: Order, to_status: str, *, note: str = "", actor_id: int | None = None
) -> bool:
    """Move `order` to `to_status` only if nobody changed it meanwhile (a conditional UPDATE, so
    a webhook and the return page racing cannot both act); records the change. False if lost."""
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
    db.session.add(
        OrderStatusChange(
            order_id=order.id,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor_id,
            note=note[:300],
        )
    )
    return True


def note_partial_refund(
    order: Order, amount_idr: int, reference: str, *, actor_id: int | None = None
) -> None:
    """Put a partial refund on the order's timeline (its status does not change); no commit."""
    order.history.append(
        OrderStatusChange(
            from_status=order.status,
            to_status=order.status,
            actor_id=actor_id,
            note=f"partial refund of {amount_idr} rupiah ({reference})"[:300],
        )
    )


def apply_paid(order: Order, reference: str, amount_idr: int, event_id: str) -> PaidOutcome:
    """The work of mark_paid without the commit (process_event commits it with its event row)."""
    if order.status not in (S.PENDING_PAYMENT, S.CANCELLED):
        return PaidOutcome.UNCHANGED
    if amount_idr != order.total_idr:
        log.warning("paid amount differs from order total", extra={"order_id": order.id})
        return PaidOutcome.UNCHANGED
    was_released = order.status == S.CANCELLED
    note = f"payment {reference} ({event_id})"
    if was_released and stock.take_all(stock.stocked_lines(order)) is not None:
        if not claim_status(order, S.NEEDS_REVIEW, note=note):
            return PaidOutcome.UNCHANGED
        order.review_reason = "Paid after the reservation expired and the stock was sold: refund."
        order.payment_reference = order.payment_reference or reference
        held.record_held_payment(order)
        return PaidOutcome.REVIEW
    if not claim_status(order, S.PAID, note=note):
        if was_released:
            stock.release_all(order)  # give back the units just re-taken
        return PaidOutcome.UNCHANGED
    order.payment_reference = order.payment_reference or reference
    order.paid_at = utcnow()
    order.reserved_until = None
    earnings.record_sale(order)
    return PaidOutcome.PAID


def finish_paid(order: Order, outcome: PaidOutcome) -> None:
    """After the commit: messages for a paid order, the refund for one that needs review."""
    if outcome == PaidOutcome.PAID:
        notify.order_paid(order)
    elif (
        outcome == PaidOutcome.REVIEW
        and order.payment_reference
        and order.status == S.NEEDS_REVIEW  # not if a refund reported earlier settled it
    ):
        try:
            refund_id = get_gateway().refund(
                order.payment_reference, order.total_idr, f"review-refund-{order.number}"
            )
        except GatewayError:  # the order stays in review; an admin refunds by hand
            log.exception("automatic refund failed", extra={"order_id": order.id})
            return
        settle_held_refund(order, note=f"automatic refund {refund_id}")
        db.session.commit()


def settle_held_refund(order: Order, note: str, actor_id: int | None = None) -> None:
    """The held money of a needs-review order went back to the customer: post it, close the order
    (no commit). The automatic refund and the gateway's charge.refunded both land here, once."""
    held.release_held_payment(order)
    if order.status == S.NEEDS_REVIEW:
        claim_status(order, S.REFUNDED, note=note, actor_id=actor_id)


def mark_paid(order: Order, reference: str, amount_idr: int, event_id: str) -> PaidOutcome:
    """THE one function that marks an order paid (webhook and return page): consumes the
    reservation, records the sale, sends the messages. Calling it again changes nothing."""
    outcome = apply_paid(order, reference, amount_idr, event_id)
    db.session.commit()
    finish_paid(order, outcome)
    return outcome


def apply_payment_failed(order: Order, reference: str | None, event_id: str) -> None:
    """Keep the reservation so the customer can try again before it expires; note the failure."""
    if order.status != S.PENDING_PAYMENT:
        return
    db.session.add(
        OrderStatusChange(
            order_id=order.id,
            from_status=order.status,
            to_status=order.status,
            note=f"payment failed {reference or ''} ({event_id})"[:300],
        )
    )


def apply_cancel(order: Order, *, note: str, actor_id: int | None = None) -> bool:
    """Cancel a pending order and give its stock back, without committing. False if not pending."""
    if order.status != S.PENDING_PAYMENT:
        return False
    if not claim_status(order, S.CANCELLED, note=note, actor_id=actor_id):
        return False
    stock.release_all(order)
    order.reserved_until = None
    return True


def cancel_payment_quietly(order: Order) -> None:
    """Cancel the gateway payment of a cancelled order; a failure is logged, never raised."""
    gateway = get_gateway()
    if not order.payment_reference or order.gateway != gateway.name:
        return
    try:
        gateway.cancel_payment(order.payment_reference)
    except GatewayError:  # unreachable: the payment stays; it can take no money for this order
        log.warning("could not cancel payment", extra={"order_id": order.id}, exc_info=True)


def cancel_order(order: Order, *, note: str = "cancelled", actor_id: int | None = None) -> bool:
    """Cancel a pending order: release its stock, cancel the gateway payment; commits."""
    cancelled = apply_cancel(order, note=note, actor_id=actor_id)
    db.session.commit()
    if cancelled:
        cancel_payment_quietly(order)
    return cancelled


def expired_pending(now: datetime, limit: int) -> list[Order]:
    """Pending orders whose reservation ended, oldest first. The usual case is one indexed
    SELECT that finds nothing (cheap enough to run on reads)."""
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.status == S.PENDING_PAYMENT, Order.reserved_until < now)
            .order_by(Order.reserved_until)
            .limit(limit)
        )
    )


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
    return apply_cancel(order, note="reservation expired")
