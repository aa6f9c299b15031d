"""The customer's order page, reached by its unguessable link."""

from flask import Blueprint, abort, render_template

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus

bp = Blueprint("orders", __name__)


def order_by_token(token: str) -> Order:
    """The order behind an unguessable link, or 404."""
    order = (
        db.session.scalar(db.select(Order).where(Order.token == token))
        if len(token) <= 64
        else None
    )
    if order is None:
        abort(404)
    return order


@bp.get("/orders/<token>")
def order_view(token: str):
    return render_template("orders/order.html", order=order_by_token(token), S=OrderStatus)
