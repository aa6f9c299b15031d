"""Expired reservations: before an order with a payment is cancelled, the gateway is asked what
became of it, so a payment whose notification was lost is recorded, not cancelled. A gateway that
cannot be reached cancels nothing: the order waits for the next run. Page views never ask a remote
gateway (Stripe): they release only orders without a payment there; the release-expired and
reconcile-payments commands (run every few minutes) deal with the rest."""

import logging
from datetime import datetime

from flask import request

from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders import services as orders
from storefront.orders.models import Order
from storefront.payments.gateway import UNSETTLED_STATES, Gateway, GatewayError
from storefront.payments.reconcile import apply_state
from storefront.payments.registry import get_gateway, holding
from storefront.stock_alerts.services import notify_restocked

log = logging.getLogger(__name__)
LAZY_BATCH = 5  # a page view releases at most this many; the CLI does the rest


def release_expired(
    now: datetime, limit: int = 200, *, gateway: Gateway | None = None, ask_gateway: bool = True
) -> int:
    """Cancel pending orders whose reservation ended and give their stock back, asking the
    gateway first about those with a payment; with `ask_gateway` False those are left alone
    (for the CLI). Returns how many were cancelled. Commits per order."""
    gateway = gateway or get_gateway()
    released = 0
    for order in orders.expired_pending(
        now, limit, without_payment_at=None if ask_gateway else gateway.name
    ):
        at = holding(order.gateway, gateway) if order.payment_reference else None
        if at is not None and not ask_gateway and at.remote:
            continue  # its payment is at another remote gateway (Stripe beside Midtrans)
        if at is not None:
            released += _release_paid_or_not(order, at)
        else:  # no payment at a configured gateway: nothing there can take the money
            released += _release(order)
    return released


# Pages that show or take stock (endpoint prefixes): ended reservations go back before them.
STOCK_PAGES = ("catalog.", "cart.", "checkout.checkout", "orders.order_view")


def release_before_stock_pages() -> None:
    """App request hook (registered in create_app): before a page that shows or takes stock,
    release a small batch of ended reservations, so no cron is strictly needed."""
    if (request.endpoint or "").startswith(STOCK_PAGES):
        release_expired_lazily()


def release_expired_lazily() -> None:
    """Called where stock is read (cart, checkout, catalog): a small batch of the orders without
    a payment at the gateway, so a slow or unreachable gateway never slows a page."""
    gateway = get_gateway()
    # A gateway of unknown kind counts as remote: the page then never waits for it.
    local = not getattr(gateway, "remote", True)
    release_expired(utcnow(), limit=LAZY_BATCH, gateway=gateway, ask_gateway=local)


def _release(order: Order) -> int:
    released = orders.expire_order(order)
    db.session.commit()
    notify_restocked()  # the released units: "tell me when it is back" subscribers hear
    return int(released)


def _release_paid_or_not(order: Order, gateway: Gateway) -> int:
    """Paid at the gateway: record it. In flight: leave it. Otherwise cancel the payment first
    (so it cannot succeed after the order is gone), then the order."""
    reference = order.payment_reference or ""
    try:
        state = gateway.retrieve_payment(reference)
        if state.status != "succeeded" and state.status not in UNSETTLED_STATES:
            state = gateway.cancel_payment(reference)
    except GatewayError:
        log.warning("expired order kept: gateway not reached", extra={"order_id": order.id})
        return 0
    if state.status == "succeeded":  # its notification was lost or is late
        apply_state(state, gateway)
        return 0
    if state.status != "canceled":
        log.info("expired order kept: payment %s", state.status, extra={"order_id": order.id})
        return 0
    return _release(order)
