"""Stripe's routes on the payments blueprint: the signed webhook and the card payment that the pay
page (Stripe.js card element) finalises on the server."""

import logging
import re

from flask import Response, abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from storefront.checkout.services import start_payment
from storefront.extensions import csrf, limiter
from storefront.orders.models import Order, OrderStatus
from storefront.orders.views import order_by_token
from storefront.payments import bp
from storefront.payments.expiry import release_expired_lazily
from storefront.payments.gateway import Gateway, GatewayError, InvalidSignature
from storefront.payments.reconcile import apply_state
from storefront.payments.registry import gateway_named
from storefront.payments.webhooks import process_event

log = logging.getLogger(__name__)
S = OrderStatus
# pm_ from Stripe.js; tok_ from the emulator's Stripe.js, which cannot create PaymentMethods.
PAYMENT_METHOD = re.compile(r"^(pm|tok|card)_[A-Za-z0-9_]{1,120}$")


def _stripe() -> Gateway:
    """Stripe, when it is configured (alone, or for cards beside Midtrans); else 404."""
    gateway = gateway_named("stripe")
    if gateway is None:
        abort(404)
    return gateway


@bp.post("/payments/stripe/webhook")
@csrf.exempt  # type: ignore[untyped-decorator]  # Flask-WTF ships no type hints
def stripe_webhook() -> ResponseReturnValue:
    """Verify the signature on the raw body, record and apply the event once; 400 if unsigned."""
    gateway = _stripe()
    payload = request.get_data(cache=False)
    try:
        event = gateway.parse_event(payload, request.headers.get("Stripe-Signature"))
    except InvalidSignature:
        log.warning("stripe webhook with a bad signature", extra={"remote": request.remote_addr})
        return jsonify(error="invalid signature"), 400
    process_event(event, livemode=gateway.livemode)
    return jsonify(received=True)


def _reply(message: str, status: int) -> tuple[Response, int]:
    return jsonify(message=message), status


def _to_order_page(order: Order) -> Response:
    return jsonify(redirect=url_for("orders.order_view", token=order.token))


def _record_if_paid(gateway: Gateway, order: Order) -> None:
    """The return-page half of fulfilment: if Stripe says the payment succeeded, mark the order
    paid now (the webhook calls the same idempotent function, so whichever is first wins)."""
    if not order.payment_reference:  # the callers have checked; nothing to ask Stripe about
        return
    state = gateway.retrieve_payment(order.payment_reference)
    if state.status == "succeeded":  # checked and recorded like its notification
        apply_state(state, gateway)


@bp.post("/pay/<token>/card")
@limiter.limit("10 per minute;40 per hour")
def stripe_card(token: str) -> ResponseReturnValue:
    """Pay a pending order with the card Stripe.js collected; JSON for the page's script."""
    gateway = _stripe()
    release_expired_lazily()
    order = order_by_token(token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return _to_order_page(order)
    payment_method = request.form.get("payment_method", "")
    if not PAYMENT_METHOD.match(payment_method):
        return _reply(_("We could not read the card. Please enter it again."), 400)
    try:
        start_payment(order, gateway)  # only creates one if the order has none yet
        if not order.payment_reference:
            raise GatewayError("no payment")
        result = gateway.confirm_card(order.payment_reference, payment_method)
        if result.status == "requires_action":
            return jsonify(requires_action=True, client_secret=result.client_secret)
        if result.status == "succeeded":
            _record_if_paid(gateway, order)
            return _to_order_page(order)
    except GatewayError:
        log.exception("stripe card payment failed", extra={"order_id": order.id})
        return _reply(_("Card payment is not available right now. Please try again soon."), 503)
    if result.status == "processing":
        return _to_order_page(order)
    return _reply(_("Your card was declined. Please try another card."), 402)


@bp.post("/pay/<token>/card/done")
@limiter.limit("20 per minute")
def stripe_card_done(token: str) -> ResponseReturnValue:
    """After the 3-D Secure step on the page: record the payment if Stripe says it succeeded."""
    gateway = _stripe()
    order = order_by_token(token)
    if order.payment_reference and order.status in (S.PENDING_PAYMENT, S.CANCELLED):
        try:
            _record_if_paid(gateway, order)
        except GatewayError:
            log.warning("could not read the payment", extra={"order_id": order.id}, exc_info=True)
    return _to_order_page(order)
