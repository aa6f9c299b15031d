"""Cancelling an order that may have a gateway payment. The gateway is asked first (as the expiry
sweeper does): a payment that succeeded is recorded (paid, or in review), never cancelled. Then
the order (orders gives its stock back), then the payment, so it can take no money for an order
that is gone; what the cancel reports (succeeded meanwhile, or canceled) is applied too."""

import logging

from flask import current_app
from flask_babel import lazy_gettext as _

from storefront import jobs
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders import fulfilment, notes
from storefront.orders import services as orders
from storefront.orders.models import Order, OrderStatus
from storefront.payments.gateway import Gateway, GatewayError
from storefront.payments.reconcile import apply_state
from storefront.payments.registry import get_gateway, holding
from storefront.stock_alerts.services import notify_restocked

log = logging.getLogger(__name__)


class GatewayNotReached(DomainError):
    status_code = 503


class PaidMeanwhile(DomainError):
    """The customer's payment had succeeded (its notification lost or late): recorded, kept."""

    status_code = 409


def _has_payment(order: Order, gateway: Gateway) -> bool:
    return bool(order.payment_reference) and order.gateway == gateway.name


def _gateway_of(order: Order) -> Gateway:
    primary = get_gateway()
    return holding(order.gateway, primary) or primary


def cancel_payment_quietly(order: Order, gateway: Gateway | None = None) -> None:
    """Cancel the gateway payment of a cancelled order and apply what the gateway answers (a
    success that came meanwhile is recorded); a failure is logged, never raised."""
    gateway = gateway or _gateway_of(order)
    if not _has_payment(order, gateway):
        return
    try:
        state = gateway.cancel_payment(order.payment_reference or "")
    except GatewayError:  # unreachable: reconcile-payments asks again about this order
        log.warning("could not cancel payment", extra={"order_id": order.id}, exc_info=True)
        return
    if state.status == "succeeded" or state.amount_idr is not None:
        # succeeded: the paid path. canceled, as a gateway that describes the payment (Stripe)
        # reports it: recorded once, so the reconciler stops asking about this order.
        apply_state(state, gateway)


def _check_not_paid(order: Order, gateway: Gateway) -> None:
    """Before cancelling a pending order with a payment: ask the gateway what became of it."""
    if order.status != OrderStatus.PENDING_PAYMENT or not _has_payment(order, gateway):
        return
    try:
        state = gateway.retrieve_payment(order.payment_reference or "")
    except GatewayError as error:
        raise GatewayNotReached(
            _("The payment service could not be reached. Try again in a few minutes.")
        ) from error
    if state.status == "succeeded":
        apply_state(state, gateway)
        raise PaidMeanwhile(
            _(
                "The customer had already paid: order %(number)s is recorded as paid, "
                "not cancelled.",
                number=order.number,
            )
        )


def cancel_order(
    order: Order,
    *,
    note: notes.Note = notes.NO_NOTE,
    actor_id: int | None = None,
    gateway: Gateway | None = None,
) -> bool:
    """Cancel a pending order: release its stock, cancel the gateway payment; commits. Raises
    PaidMeanwhile (after recording it) if the gateway says the payment succeeded."""
    gateway = gateway or _gateway_of(order)
    _check_not_paid(order, gateway)
    cancelled = orders.apply_cancel(order, note=note, actor_id=actor_id)
    db.session.commit()
    notify_restocked()
    if cancelled:
        _cancel_at_gateway(order, gateway)
    return cancelled


def _cancel_at_gateway(order: Order, gateway: Gateway) -> None:
    """With a job queue the gateway's cancel leaves the request: a job (storefront/payments/
    jobs.py) calls cancel_payment_quietly with the order's gateway, and the reconciler asks
    again if that fails. Without a queue, or with a gateway passed in, it is called here."""
    if (
        current_app.config.get("JOBS_REDIS_URL")
        and gateway is _gateway_of(order)
        and _has_payment(order, gateway)
    ):
        jobs.enqueue("payments.cancel_payment", order_id=order.id)
        return
    cancel_payment_quietly(order, gateway)


def cancel_by_admin(order: Order, *, actor_id: int | None, note: str = "") -> None:
    """The admin's "Cancel order" step (refused where the fulfilment table does not allow it)."""
    fulfilment.check_step(order, "cancel")
    cancel_order(order, note=notes.typed_or(note, notes.CANCELLED_BY_ADMIN), actor_id=actor_id)
