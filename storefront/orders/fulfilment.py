"""Fulfilment use cases (admin): pack, ship, deliver, pick-up, cancel and refunds.

Every status change goes through Order.set_status (the TRANSITIONS table) and commits once."""

import logging
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _  # lazy: raised outside requests too (webhooks, CLI)
from sqlalchemy import select

from storefront.earnings.services import (
    plan_refund,
    record_refund,
    record_refund_to_total,
    refundable_idr,
    refunded_idr,
)
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders.models import DeliveryMethod, InvalidTransition, Order, OrderStatus
from storefront.orders.services import claim_status, note_partial_refund
from storefront.payments.gateway import GatewayError

log = logging.getLogger(__name__)
S = OrderStatus


class RefundFailed(DomainError):
    status_code = 503


@dataclass(frozen=True)
class Step:
    target: str
    delivery_method: str | None  # the only delivery method this step applies to
    label: object


STEPS: dict[str, Step] = {
    "pack": Step(S.PACKED, DeliveryMethod.SHIP, _("Mark as packed")),
    "ship": Step(S.SHIPPED, DeliveryMethod.SHIP, _("Mark as shipped")),
    "deliver": Step(S.DELIVERED, DeliveryMethod.SHIP, _("Mark as delivered")),
    "ready": Step(S.READY_FOR_PICKUP, DeliveryMethod.PICKUP, _("Ready for pick-up")),
    "picked_up": Step(S.PICKED_UP, DeliveryMethod.PICKUP, _("Mark as picked up")),
    "cancel": Step(S.CANCELLED, None, _("Cancel order")),
}
EMAIL_TEMPLATES: dict[str, str] = {S.SHIPPED: "order_shipped", S.READY_FOR_PICKUP: "order_ready"}


def available_steps(order: Order) -> list[str]:
    """The step names the admin may take now, in table order."""
    return [name for name, step in STEPS.items() if _allowed(order, step)]


def _allowed(order: Order, step: Step) -> bool:
    if step.delivery_method and order.delivery_method != step.delivery_method:
        return False
    return order.can_change_to(step.target)


def advance(
    order: Order,
    action: str,
    *,
    actor_id: int | None,
    courier: str = "",
    tracking_number: str = "",
    note: str = "",
) -> None:
    """Take one fulfilment step; commits, then emails the customer at shipped / ready."""
    step = STEPS.get(action)
    if step is None or not _allowed(order, step):
        raise InvalidTransition(_("That step is not possible for this order now."))
    if action == "ship":
        courier, tracking_number = courier.strip(), tracking_number.strip()
        if not courier or not tracking_number:
            raise DomainError(_("Enter the courier and the tracking number."))
        order.courier, order.tracking_number = courier[:60], tracking_number[:80]
    if action == "cancel":  # the checkout area's cancel also gives the stock back
        from storefront.orders.services import cancel_order

        cancel_order(order, note=note or "cancelled by admin", actor_id=actor_id)
        return
    _claim(order, step.target, actor_id=actor_id, note=note)
    db.session.commit()
    log.info("order status changed", extra={"order_id": order.id, "status": order.status})
    _notify(order)


def pack(order: Order, *, actor_id: int | None) -> None:
    advance(order, "pack", actor_id=actor_id)


def ship(order: Order, courier: str, tracking_number: str, *, actor_id: int | None) -> None:
    advance(order, "ship", actor_id=actor_id, courier=courier, tracking_number=tracking_number)


def can_refund(order: Order) -> bool:
    return order.can_change_to(S.REFUNDED) and bool(order.payment_reference)


def refund_order(
    order: Order,
    *,
    actor_id: int | None,
    amount_idr: int | None = None,
    quantities: dict[int, int] | None = None,
    gateway=None,
    note: str = "",
) -> str:
    """Refund through the gateway, then post it to the ledger; commits. Returns the refund id.

    Give `amount_idr` (spread over the lines in proportion) or `quantities` ({line id: items}).
    Everything that could refuse the refund is checked before any money moves."""
    if not can_refund(order):
        raise InvalidTransition(_("This order cannot be refunded."))
    # Lock the order so the charge.refunded webhook for this refund waits for our posting.
    db.session.execute(select(Order.id).where(Order.id == order.id).with_for_update())
    if order.paid_at is None:  # in review: the money was held, never a sale
        return _refund_held(order, actor_id=actor_id, gateway=gateway, note=note)
    line_amounts = _line_amounts(order, quantities) if quantities is not None else None
    amount = sum(line_amounts.values()) if line_amounts is not None else amount_idr
    if not amount or amount <= 0:
        raise DomainError(_("The refund amount must be more than zero."))
    plan_refund(order, amount, line_amounts)  # raises if it does not fit what is left
    left = refundable_idr(order)
    before = refunded_idr(order)
    refund_id = _gateway_refund(order, amount, f"refund-{order.id}-{before}-{amount}", gateway)
    posted = _post_refund(order, amount, before, refund_id, line_amounts)
    if amount == left:
        _claim(order, S.REFUNDED, actor_id=actor_id, note=note)
    elif posted:  # not if the webhook already reported (and noted) this refund
        note_partial_refund(order, amount, refund_id, actor_id=actor_id)
    db.session.commit()
    log.info("order refunded", extra={"order_id": order.id, "amount_idr": amount})
    return refund_id


def _gateway_refund(order: Order, amount: int, key: str, gateway) -> str:
    gateway = gateway or _default_gateway()
    try:
        return gateway.refund(order.payment_reference, amount, key)
    except GatewayError as error:  # refused or not reached: nothing was posted, the admin may retry
        log.exception("gateway refund failed", extra={"order_id": order.id})
        raise RefundFailed(
            _("The payment service did not accept the refund. Try again later.")
        ) from error


def _post_refund(
    order: Order, amount: int, before: int, refund_id: str, line_amounts: dict[int, int] | None
) -> bool:
    """Post what the ledger does not hold yet: a webhook may have reported this refund already."""
    if refunded_idr(order) != before:  # reported meanwhile: converge on the total, once
        return record_refund_to_total(order, before + amount, refund_id)
    if line_amounts is not None:
        return record_refund(order, amount, refund_id, line_amounts=line_amounts)
    return record_refund_to_total(order, before + amount, refund_id)


def _refund_held(order: Order, *, actor_id: int | None, gateway, note: str) -> str:
    """Give back the whole payment of an order in review (paid after its stock was resold)."""
    from storefront.orders.services import settle_held_refund

    refund_id = _gateway_refund(order, order.total_idr, f"review-refund-{order.number}", gateway)
    settle_held_refund(order, note=note or f"refunded by admin ({refund_id})", actor_id=actor_id)
    db.session.commit()
    log.info("held payment refunded", extra={"order_id": order.id})
    return refund_id


def _claim(order: Order, status: str, *, actor_id: int | None, note: str) -> None:
    """Change status only if nobody changed it meanwhile (e.g. a webhook's refund)."""
    if not claim_status(order, status, note=note, actor_id=actor_id):
        db.session.rollback()
        raise InvalidTransition(_("The order changed meanwhile; reload the page and try again."))


def _line_amounts(order: Order, quantities: dict[int, int]) -> dict[int, int]:
    lines = {line.id: line for line in order.lines}
    amounts = {}
    for line_id, quantity in quantities.items():
        line = lines.get(line_id)
        if line is None or not 0 <= quantity <= line.quantity:
            raise DomainError(_("Choose between 0 and the number of items bought."))
        if quantity:
            amounts[line_id] = line.unit_price_idr * quantity
    if not amounts:
        raise DomainError(_("Choose at least one item to refund."))
    return amounts


def _default_gateway():
    from storefront.payments.registry import get_gateway  # the checkout area's registry

    return get_gateway()


def _notify(order: Order) -> None:
    """Email the customer when the parcel leaves or is ready; a mail failure never undoes it."""
    template = EMAIL_TEMPLATES.get(order.status)
    if template is None:
        return
    try:
        from storefront.mail import send_mail

        send_mail(
            order.email,
            _subject(order),
            template,
            order.locale,
            order=order,
            link=_order_link(order),
        )
    except Exception:  # mail is best effort; the admin sees the status change either way
        log.exception("order mail failed", extra={"order_id": order.id})


def _subject(order: Order):
    """Lazy, so send_mail renders it in the customer's language."""
    if order.status == S.SHIPPED:
        return _("Your order %(number)s is on its way", number=order.number)
    return _("Your order %(number)s is ready for pick-up", number=order.number)


def _order_link(order: Order) -> str:
    for rule in current_app.url_map.iter_rules():
        if rule.rule.startswith("/orders/<") and "token" in rule.arguments:
            return url_for(rule.endpoint, token=order.token, _external=True)
    return ""
