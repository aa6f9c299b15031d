"""The hearts on product cards (a POST form) and the customer's wishlist page."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from storefront.auth.access import customer_required
from storefront.auth.forms import EmptyForm
from storefront.catalog.models import Product
from storefront.catalog.queries import visible_products
from storefront.extensions import db
from storefront.security import safe_next
from storefront.wishlist import services

bp = Blueprint("wishlist", __name__)


def wishlist_hearts() -> dict:
    """Context processor: `hearted(product_id)`, for signed-in customers only; for everyone else
    it is False without a query, so an anonymous page is the same for every visitor (cacheable)."""

    def hearted(product_id: int) -> bool:
        if not (current_user.is_authenticated and current_user.has_role("customer")):
            return False
        return product_id in services.hearted_ids(current_user.id)

    def shows_hearts() -> bool:
        return bool(current_user.is_authenticated and current_user.has_role("customer"))

    return {"hearted": hearted, "shows_hearts": shows_hearts}


@bp.post("/wishlist/<int:product_id>")
@customer_required
def wishlist_toggle(product_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    product = db.session.scalar(visible_products().where(Product.id == product_id))
    if product is None:
        abort(404)
    services.toggle(current_user.id, product)
    return redirect(safe_next(request.form.get("next")) or url_for(".wishlist_view"))


@bp.get("/account/wishlist")
@customer_required
def wishlist_view():
    return render_template(
        "wishlist/wishlist.html", items=services.items(current_user.id), form=EmptyForm()
    )
