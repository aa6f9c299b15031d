"""The pay page: the buyer chooses how to pay (QRIS, a bank's virtual account, an e-wallet, or a
card through Stripe) and sees what to do next; the test gateway's buttons build the same
GatewayEvent a webhook would and go through process_event. Also the order's payment state as
JSON, polled by the order page, and Midtrans's notification endpoint."""

import logging

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from storefront.checkout.services import start_payment
from storefront.extensions import csrf, db, limiter
from storefront.orders.labels import order_status_label
from storefront.orders.models import Order, OrderStatus
from storefront.orders.views import order_by_token
from storefront.payments import bp, instructions, stripe_views  # noqa: F401  (Stripe routes)
from storefront.payments.expiry import release_expired_lazily
from storefront.payments.gateway import Gateway, GatewayError, GatewayUnavailable, InvalidSignature
from storefront.payments.reconcile import apply_state
from storefront.payments.registry import gateway_named, get_gateway, is_test_gateway
from storefront.payments.test_gateway import TestGateway
from storefront.payments.webhooks import process_event

__all__ = ["bp"]  # the complete payments blueprint, as create_app registers it

log = logging.getLogger(__name__)
OUTCOMES = {"success": "payment_intent.succeeded", "failure": "payment_intent.payment_failed"}
BANK_NAMES = {"bca": "BCA", "bni": "BNI", "bri": "BRI", "mandiri": "Mandiri", "permata": "Permata"}


def method_label(method: str) -> str:
    if method == "qris":
        return str(_("QRIS (any banking or e-wallet app)"))
    if method.startswith("va_"):
        bank = BANK_NAMES.get(method[3:], method[3:].upper())
        return str(_("%(bank)s virtual account", bank=bank))
    if method == "gopay":
        return "GoPay"
    if method == "shopeepay":
        return "ShopeePay"
    if method == "card":
        return str(_("Card (Visa, Mastercard), also from abroad"))
    return method


def _local() -> Gateway | None:
    """The gateway whose methods the buyer chooses from (Midtrans), if configured."""
    gateway = get_gateway()
    # A gateway without a default method lets the buyer choose (a stand-in may not say).
    return gateway if getattr(gateway, "default_method", "card") is None else None


def _offered() -> list[str]:
    local = _local()
    methods = list(local.methods) if local is not None else []
    if gateway_named("stripe") is not None:
        methods.append("card")
    return methods


def _stripe_page(order: Order) -> ResponseReturnValue:
    return render_template(
        "payments/stripe_pay.html",
        order=order,
        form=FlaskForm(),
        gateway=gateway_named("stripe"),
        publishable_key=current_app.config.get("STRIPE_PUBLISHABLE_KEY"),
        stripe_js_url=current_app.config.get("STRIPE_JS_URL"),
    )


@bp.get("/pay/<token>")
def pay(token: str) -> ResponseReturnValue:
    release_expired_lazily()
    order = order_by_token(token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return redirect(url_for("orders.order_view", token=order.token))
    if is_test_gateway():
        return render_template("payments/test_pay.html", order=order, form=FlaskForm())
    local = _local()
    paying_by_card = order.gateway == "stripe" and order.payment_reference
    # A card only while no local payment is open (else "Choose another way to pay" first).
    wants_card = request.args.get("method") == "card" and not order.payment_reference
    if local is None or paying_by_card or wants_card:
        if gateway_named("stripe") is None:
            abort(404)
        return _stripe_page(order)
    instruction = instructions.current(order)
    return render_template(
        "payments/choose_pay.html",
        order=order,
        form=FlaskForm(),
        methods=[(method, method_label(method)) for method in _offered()],
        instruction=instruction,
        qr_svg=instructions.qr_svg(instruction.qr_string)
        if instruction is not None and instruction.qr_string
        else None,
        bank_names=BANK_NAMES,
    )


@bp.post("/pay/<token>/method")
@limiter.limit("10 per minute;40 per hour")
def choose_method(token: str) -> ResponseReturnValue:
    """Create the payment with the chosen method (once: the order's payment is kept)."""
    order = order_by_token(token)
    method = request.form.get("method", "")
    if not FlaskForm().validate_on_submit() or method not in _offered():
        flash(_("Please choose how you want to pay."), "error")
        return redirect(url_for("payments.pay", token=token)), 303
    if order.status != OrderStatus.PENDING_PAYMENT:
        return redirect(url_for("orders.order_view", token=token))
    if method == "card":
        return redirect(url_for("payments.pay", token=token, method="card"))
    local = _local()
    if local is None or order.payment_reference:
        return redirect(url_for("payments.pay", token=token))
    result = start_payment(
        order, local, method, return_url=url_for("orders.order_view", token=token, _external=True)
    )
    if result is None or result.action is None:
        flash(_("The payment service did not answer. Please try again in a minute."), "error")
        return redirect(url_for("payments.pay", token=token))
    instruction = instructions.record(order, local.name, result.action)
    instructions.mail_how_to_pay(
        order, instruction, url_for("payments.pay", token=token, _external=True)
    )
    return redirect(url_for("payments.pay", token=token))


@bp.post("/pay/<token>/change")
@limiter.limit("10 per minute")
def change_method(token: str) -> ResponseReturnValue:
    """Give up the open payment (the gateway stops it first) to choose another method."""
    order = order_by_token(token)
    if not FlaskForm().validate_on_submit():
        abort(400)
    local = _local()
    if order.status != OrderStatus.PENDING_PAYMENT or local is None or not order.payment_reference:
        return redirect(url_for("payments.pay", token=token))
    if order.gateway != local.name:
        return redirect(url_for("payments.pay", token=token))
    try:
        state = local.cancel_payment(order.payment_reference)
    except GatewayError:
        flash(_("The payment service did not answer. Please try again in a minute."), "error")
        return redirect(url_for("payments.pay", token=token))
    if state.status == "succeeded":  # paid meanwhile: recorded like its notification
        apply_state(state, local)
        return redirect(url_for("orders.order_view", token=token))
    if state.status in ("canceled", "requires_payment_method"):  # stopped, or denied: final
        order.payment_reference = None
        order.payment_attempt += 1  # a new gateway order id for the next charge
        db.session.commit()
    return redirect(url_for("payments.pay", token=token))


@bp.get("/pay/<token>/status")
@limiter.limit("60 per minute")
def payment_status(token: str) -> ResponseReturnValue:
    """The order's state for the order page's script (polled until the payment lands)."""
    order = order_by_token(token)
    response = jsonify(
        status=order.status,
        label=order_status_label(order.status),
        paid=order.is_paid,
        pending=order.status == OrderStatus.PENDING_PAYMENT,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/payments/midtrans/notification")
@csrf.exempt  # type: ignore[untyped-decorator]  # Flask-WTF ships no type hints
def midtrans_notification() -> ResponseReturnValue:
    """Midtrans's HTTP notification: signature verified (forged: 400, nothing written), the
    state confirmed with a status call, then recorded once through process_event (a mismatch
    is flagged, a replay changes nothing). Always a plain 200, never a redirect."""
    gateway = gateway_named("midtrans")
    if gateway is None:
        abort(404)
    payload = request.get_data(cache=False)
    try:
        event = gateway.parse_event(payload, None)
    except InvalidSignature:
        log.warning("midtrans notification with a bad signature")
        return jsonify(error="invalid signature"), 400
    except GatewayUnavailable:  # the status call failed: Midtrans sends it again
        log.warning("midtrans status not reached for a notification", exc_info=True)
        return jsonify(error="try again"), 503
    except GatewayError:  # a signed notice for a transaction Midtrans does not know
        log.warning("midtrans notification for an unknown transaction", exc_info=True)
        return jsonify(received=True)
    process_event(event, livemode=gateway.livemode)
    return jsonify(received=True)


@bp.post("/pay/<token>/test")
def pay_test(token: str) -> ResponseReturnValue:
    if not is_test_gateway():
        abort(404)
    order = order_by_token(token)
    kind = OUTCOMES.get(request.form.get("outcome", ""))
    if kind is None or not FlaskForm().validate_on_submit():
        abort(400)
    if order.status == OrderStatus.PENDING_PAYMENT:
        start_payment(order, get_gateway())  # again, if it failed when the order was placed
    if not order.payment_reference:
        flash(_("The payment service did not answer. Please try again in a minute."), "error")
        return redirect(url_for("payments.pay", token=token))
    process_event(
        TestGateway.event(
            kind, reference=order.payment_reference, order_id=order.id, amount_idr=order.total_idr
        )
    )
    return redirect(url_for("orders.order_view", token=token))
