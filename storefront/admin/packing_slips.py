"""Admin: the packing slip that goes in the parcel (a gift's has no prices, and its card)."""

from flask import render_template

from storefront.admin import bp
from storefront.admin.orders import _order_or_404
from storefront.auth.access import admin_required


@bp.get("/orders/<int:order_id>/packing-slip")
@admin_required
def order_packing_slip(order_id: int):
    order = _order_or_404(order_id)
    # A gift's slip shows what is in the parcel, never what it cost.
    return render_template(
        "admin/orders/packing_slip.html", order=order, show_prices=not order.is_gift
    )
