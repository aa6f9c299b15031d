"""Cart pages: view, add, change quantity, remove."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.cart import services
from storefront.cart.current import current_cart
from storefront.errors import DomainError
from storefront.extensions import csrf, db
from storefront.security import check_same_origin_or_token

bp = Blueprint("cart", __name__)


def render_cart(error: DomainError | None = None):
    if error is not None:
        db.session.rollback()
        g.pop("cart", None)
        g.pop("set_cart_cookie", None)
    cart = current_cart()
    lines = services.cart_lines(cart)
    status = 200
    if error is not None:
        status = error.status_code
    return render_template(
        "cart/cart.html",
        lines=lines,
        subtotal_idr=services.cart_subtotal(lines),
        has_blocking=any(view.is_blocking for view in lines),
        error=error.message if error else None,
    ), status


@bp.get("/cart")
def cart_view():
    return render_cart()


@bp.post("/cart/add")
@csrf.exempt  # guests post from the cached product page, without a token: checked by origin
def cart_add():
    check_same_origin_or_token()
    try:
        services.add_to_cart(
            current_cart(create=True),
            request.form.get("product_id"),
            request.form.get("quantity"),
            request.form.get("variant_id"),
        )
    except DomainError as error:
        return render_cart(error)
    flash(_("Added to your cart."), "success")
    return redirect(url_for("cart.cart_view"))


@bp.post("/cart/update")
def cart_update():
    try:
        services.update_line(
            _existing_cart(), request.form.get("line_id"), request.form.get("quantity")
        )
    except DomainError as error:
        return render_cart(error)
    flash(_("Your cart is updated."), "success")
    return redirect(url_for("cart.cart_view"))


@bp.post("/cart/remove")
def cart_remove():
    try:
        services.remove_line(_existing_cart(), request.form.get("line_id"))
    except DomainError as error:
        return render_cart(error)
    flash(_("Removed from your cart."), "success")
    return redirect(url_for("cart.cart_view"))


def _existing_cart():
    cart = current_cart()
    if cart is None:
        raise services.CartError(_("Your cart is empty."))
    return cart
