"""Gateway events that did not match the database: acknowledged, applied to nothing, for admins."""

from flask import g, render_template, request
from sqlalchemy import func, select

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.catalog.filters import parse_page
from storefront.extensions import db
from storefront.payments.models import PaymentEvent


def flagged_events():
    return select(PaymentEvent).where(PaymentEvent.flag != "").order_by(PaymentEvent.id.desc())


def flagged_events_badge() -> dict:
    """Context processor: `flagged_payment_count()` for admin pages; queried only when called."""

    def flagged_payment_count() -> int:
        if "flagged_payment_count" not in g:  # shown twice on a page: one query
            query = select(func.count()).select_from(PaymentEvent).where(PaymentEvent.flag != "")
            g.flagged_payment_count = int(db.session.scalar(query) or 0)
        return g.flagged_payment_count

    return {"flagged_payment_count": flagged_payment_count}


@bp.get("/payments/flagged")
@admin_required
def payment_events_flagged():
    page = parse_page(request.args.get("page"))
    pagination = db.paginate(flagged_events(), page=page, per_page=50, error_out=False)
    return render_template("admin/payment_events.html", pagination=pagination)
