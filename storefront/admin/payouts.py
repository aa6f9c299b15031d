"""Admin: what each maker is owed, recording payouts, and the payout history (with CSV)."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.admin.order_forms import PayoutForm
from storefront.auth.access import admin_required
from storefront.catalog.filters import parse_page
from storefront.earnings import queries
from storefront.earnings.models import Payout
from storefront.earnings.services import maker_balance, record_payout
from storefront.earnings.statement import maker_statement_csv, payouts_csv
from storefront.extensions import db
from storefront.keyset import keyset_page
from storefront.makers.models import Maker
from storefront.money import parse_idr

MAKERS_PER_PAGE = 50
HISTORY_PER_PAGE = 100
HISTORY_ON_FORM = 20  # her latest payouts beside the form; all of them in the CSV


def _maker_or_404(maker_id: int) -> Maker:
    maker = db.session.get(Maker, maker_id)
    if maker is None:
        abort(404)
    return maker


def _csv(text: str, filename: str) -> Response:
    return Response(
        text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/payouts/")
@admin_required
def payouts():
    pagination = db.paginate(
        queries.makers_owed_query(),
        page=parse_page(request.args.get("page")),
        per_page=MAKERS_PER_PAGE,
        error_out=False,
    )
    rows = queries.owed_for(list(pagination.items))
    return render_template("admin/payouts/list.html", rows=rows, pagination=pagination)


@bp.route("/payouts/makers/<int:maker_id>", methods=["GET", "POST"])
@admin_required
def payout_new(maker_id: int):
    maker = _maker_or_404(maker_id)
    form = PayoutForm()
    if form.validate_on_submit():
        record_payout(
            maker,
            parse_idr(form.amount.data) or 0,
            paid_on=form.paid_on.data,
            method=form.method.data,
            provider=form.provider.data or "",
            reference=form.reference.data or "",
            note=form.note.data or "",
            recorded_by_id=current_user.id,
            confirm_over_balance=form.confirm_over_balance.data,
        )
        flash(_("Payout to %(name)s recorded.", name=maker.full_name), "success")
        return redirect(url_for("admin.payouts"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "admin/payouts/new.html",
        maker=maker,
        form=form,
        balance=maker_balance(maker.id),
        history=queries.payout_history(maker.id, limit=HISTORY_ON_FORM),
    ), status


@bp.get("/payouts/history")
@admin_required
def payout_history():
    page = keyset_page(
        queries.payout_history_query(),
        Payout.paid_on,
        Payout.id,
        cursor=request.args.get("after"),
        per_page=HISTORY_PER_PAGE,
        parse=date.fromisoformat,
        key=lambda row: (row[0].paid_on, row[0].id),
        scalars=False,
    )
    return render_template("admin/payouts/history.html", rows=page.items, page=page)


@bp.get("/payouts/history.csv")
@admin_required
def payout_history_csv():
    return _csv(payouts_csv(), "payouts.csv")


@bp.get("/payouts/makers/<int:maker_id>/statement.csv")
@admin_required
def maker_statement(maker_id: int):
    maker = _maker_or_404(maker_id)
    return _csv(maker_statement_csv(maker.id), f"statement-{maker.slug}.csv")
