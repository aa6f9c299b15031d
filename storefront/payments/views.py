"""The pay page: the gateway's own page for a pending order. The test gateway's buttons build the
same GatewayEvent a webhook would and go through process_event."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from storefront.checkout.services import start_payment
from storefront.orders.models import OrderStatus
from storefront.orders.views import order_by_token
from storefront.payments import bp, stripe_views  # noqa: F401  (the Stripe routes on bp)
from storefront.payments.expiry import release_expired_lazily
from storefront.payments.registry import get_gateway, is_test_gateway
from storefront.payments.test_gateway import TestGateway
from storefront.payments.webhooks import process_event

__all__ = ["bp"]  # the complete payments blueprint, as create_app registers it

OUTCOMES = {"success": "payment_intent.succeeded", "failure": "payment_intent.payment_failed"}


@bp.get("/pay/<token>")
def pay(token: str) -> ResponseReturnValue:
    release_expired_lazily()
    order = order_by_token(token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return redirect(url_for("orders.order_view", token=order.token))
    if is_test_gateway():
        return render_template("payments/test_pay.html", order=order, form=FlaskForm())
    return render_template(
        "payments/stripe_pay.html",
        order=order,
        form=FlaskForm(),
        gateway=get_gateway(),
        publishable_key=current_app.config.get("STRIPE_PUBLISHABLE_KEY"),
        stripe_js_url=current_app.config.get("STRIPE_JS_URL"),
    )


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
