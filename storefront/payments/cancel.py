"""Cancelling an order that may have a gateway payment: the order first (orders gives its stock
back), then the payment, so it can take no money for an order that is gone."""

import logging

from storefront.extensions import db
from storefront.orders import fulfilment, notes
from storefront.orders import services as orders
from storefront.orders.models import Order
from storefront.payments.gateway import GatewayError
from storefront.payments.registry import get_gateway

log = logging.getLogger(__name__)


def cancel_payment_quietly(order: Order) -> None:
    """Cancel the gateway payment of a cancelled order; a failure is logged, never raised."""
    gateway = get_gateway()
    if not order.payment_reference or order.gateway != gateway.name:
        return
    try:
        gateway.cancel_payment(order.payment_reference)
    except GatewayError:  # unreachable: the payment stays; it can take no money for this order
        log.warning("could not cancel payment", extra={"order_id": order.id}, exc_info=True)


def cancel_order(
    order: Order, *, note: notes.Note = notes.NO_NOTE, actor_id: int | None = None
) -> bool:
    """Cancel a pending order: release its stock, cancel the gateway payment; commits."""
    cancelled = orders.apply_cancel(order, note=note, actor_id=actor_id)
    db.session.commit()
    if cancelled:
        cancel_payment_quietly(order)
    return cancelled


def cancel_by_admin(order: Order, *, actor_id: int | None, note: str = "") -> None:
    """The admin's "Cancel order" step (refused where the fulfilment table does not allow it)."""
    fulfilment.check_step(order, "cancel")
    cancel_order(order, note=notes.typed_or(note, notes.CANCELLED_BY_ADMIN), actor_id=actor_id)
