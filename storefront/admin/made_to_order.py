"""Admin: made-to-order pieces past the date the shop promised."""

from flask import render_template

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.orders.making import late_items


@bp.get("/made-to-order/late")
@admin_required
def made_to_order_late():
    return render_template("admin/made_to_order_late.html", items=late_items())
