"""The maker's home page (/maker/): her sales dashboard."""

from flask import render_template

from storefront.auth.access import maker_required
from storefront.earnings import queries
from storefront.earnings.chart import bars
from storefront.earnings.models import TxKind
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker

RECENT_SALES = 50


@bp.get("/")
@maker_required
def home():
    maker = current_maker()
    months = queries.monthly_earnings(maker.id)
    return render_template(
        "maker/home.html",
        maker=maker,
        summary=queries.maker_summary(maker.id),
        to_fulfil=queries.items_to_fulfil(maker.id),
        sales=queries.statement_rows(
            maker.id, kinds=(TxKind.SALE, TxKind.REFUND), newest_first=True, limit=RECENT_SALES
        ),
        payouts=queries.maker_payouts(maker.id),
        bars=bars(months),
        recent_limit=RECENT_SALES,
    )
