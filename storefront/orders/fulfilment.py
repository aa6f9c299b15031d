"""Fulfilment use cases (admin): pack, ship, deliver, pick-up. Cancelling and refunds involve the
gateway, so payments code does them (payments.cancel, payments.refunds) with the checks here.

Every status change goes through orders.services.claim_status (the TRANSITIONS table, a
conditional UPDATE and a status-change row); each use case commits once."""

import logging
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _  # lazy: raised outside requests too (webhooks, CLI)

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders.models import DeliveryMethod, InvalidTransition, Order, OrderStatus
from storefront.orders.services import claim_status

log = logging.getLogger(__name__)
S = OrderStatus


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
EMAIL_TEMPLATES: dict[str, str] = {
    S.SHIPPED: "order_shipped",
    S.READY_FOR_PICKUP: "order_ready",
    # These two carry the link to review what she bought (storefront.reviews, on the order page).
    S.DELIVERED: "order_delivered",
    S.PICKED_UP: "order_picked_up",
}


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
    """Take one fulfilment step and email the customer at shipped / ready; commits both. Cancelling
    goes through payments.cancel.cancel_by_admin (it cancels the gateway payment too)."""
    step = check_step(order, action)
    if action == "cancel":
        raise ValueError("cancel through payments.cancel.cancel_by_admin")
    if action == "ship":
        courier, tracking_number = courier.strip(), tracking_number.strip()
        if not courier or not tracking_number:
            raise DomainError(_("Enter the courier and the tracking number."))
        order.courier, order.tracking_number = courier[:60], tracking_number[:80]
    claim_or_refuse(order, step.target, actor_id=actor_id, note=notes.typed(note))
    _notify(order)  # queued with the change: the mail goes once it commits
    db.session.commit()
    log.info("order status changed", extra={"order_id": order.id, "status": order.status})


def check_step(order: Order, action: str) -> Step:
    """The step `action`, if the admin may take it now; InvalidTransition if not."""
    step = STEPS.get(action)
    if step is None or not _allowed(order, step):
        raise InvalidTransition(_("That step is not possible for this order now."))
    return step


def pack(order: Order, *, actor_id: int | None) -> None:
    advance(order, "pack", actor_id=actor_id)


def ship(order: Order, courier: str, tracking_number: str, *, actor_id: int | None) -> None:
    advance(order, "ship", actor_id=actor_id, courier=courier, tracking_number=tracking_number)


def claim_or_refuse(order: Order, status: str, *, actor_id: int | None, note: notes.Note) -> None:
    """Change status only if nobody changed it meanwhile (e.g. a webhook's refund)."""
    if not claim_status(order, status, note=note, actor_id=actor_id):
        db.session.rollback()
        raise InvalidTransition(_("The order changed meanwhile; reload the page and try again."))


def line_amounts_of(order: Order, quantities: dict[int, int]) -> dict[int, int]:
    """Rupiah per line for refunding `quantities` ({line id: items}); DomainError if not valid."""
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


def _notify(order: Order) -> None:
    """Email the customer at shipped, ready, delivered and picked up; a mail failure never undoes
    the step."""
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
    if order.status in (S.DELIVERED, S.PICKED_UP):
        return _("How do you like your order %(number)s?", number=order.number)
    return _("Your order %(number)s is ready for pick-up", number=order.number)


def _order_link(order: Order) -> str:
    for rule in current_app.url_map.iter_rules():
        if rule.rule.startswith("/orders/<") and "token" in rule.arguments:
            return url_for(rule.endpoint, token=order.token, _external=True)
    return ""
