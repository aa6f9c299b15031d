"""The checkout page: one form, then the order is placed and the customer goes to pay."""

import secrets

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.cart.current import current_cart
from storefront.cart.services import blocking_error, cart_lines, cart_subtotal
from storefront.cart.views import render_cart
from storefront.checkout.claim import CartAlreadyOrdered, pending_order_of
from storefront.checkout.countries import abroad_fee
from storefront.checkout.forms import CheckoutForm
from storefront.checkout.services import order_for_key, place_order, shipping_fees_by_province
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.i18n import current_locale
from storefront.payments.registry import get_gateway

bp = Blueprint("checkout", __name__)


def _page(form: CheckoutForm, lines, status: int = 200):
    return render_template(
        "checkout/checkout.html",
        form=form,
        lines=lines,
        subtotal_idr=cart_subtotal(lines),
        fees=shipping_fees_by_province(),
        abroad_fees={code: abroad_fee(code) for code, _name in form.country.choices},
    ), status


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    form = CheckoutForm()
    existing = order_for_key(form.idempotency_key.data) if form.is_submitted() else None
    if existing is not None:  # a second click of "Place order": the order already exists
        return redirect(url_for("payments.pay", token=existing.token))
    cart = current_cart()
    if (pending := pending_order_of(cart)) is not None:  # e.g. a second tab
        return _to_pending(CartAlreadyOrdered(pending))
    lines = cart_lines(cart)
    if cart is None or not lines:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("cart.cart_view"))
    if not form.is_submitted():
        if (error := blocking_error(lines, current_locale())) is not None:
            flash(error.message, "error")
            return redirect(url_for("cart.cart_view"))
        form.idempotency_key.data = secrets.token_urlsafe(24)
        if current_user.is_authenticated:
            form.name.data = current_user.name
            form.email.data = current_user.email
            form.phone.data = current_user.phone
        return _page(form, lines)
    if not form.validate():
        return _page(form, lines, 400)
    try:
        order = place_order(
            cart,
            form.contact_data(),
            get_gateway(),
            idempotency_key=form.idempotency_key.data,
            locale=current_locale(),
            user_id=current_user.id if current_user.is_authenticated else None,
        )
    except CartAlreadyOrdered as taken:
        return _to_pending(taken)
    except DomainError as error:
        db.session.rollback()
        return render_cart(error)
    return redirect(url_for("payments.pay", token=order.token))


def _to_pending(taken: CartAlreadyOrdered):
    """The cart's order already waits for payment: its pay page, not a second order."""
    flash(taken.message, "info")
    return redirect(url_for("payments.pay", token=taken.order.token))
