"""/account/: her details and links; /account/orders: her orders, newest first."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from storefront.auth.access import customer_required
from storefront.extensions import db
from storefront.orders.models import Order

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/")
@login_required
def home():
    return render_template("account/home.html")


@bp.get("/orders")
@customer_required
def orders():
    rows = db.session.scalars(
        db.select(Order).where(Order.user_id == current_user.id).order_by(Order.created_at.desc())
    ).all()
    return render_template("account/orders.html", orders=rows)
