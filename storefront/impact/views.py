"""Public impact page and the sponsor report (admins and the read-only sponsor role)."""

from datetime import date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext as _

from storefront.auth.access import reports_required
from storefront.database import utcnow
from storefront.errors import DomainError
from storefront.impact import queries
from storefront.impact.cache import cached
from storefront.impact.report import build_report, month_bars, public_months, report_csv
from storefront.shop import TIMEZONE
from storefront.validation import is_sensible_date

bp = Blueprint("impact", __name__)


def _public_figures() -> dict[str, Any]:
    return {"totals": queries.totals(), "months": queries.monthly()}


@bp.get("/impact")
def impact_page():
    figures = cached("public", _public_figures)
    threshold = current_app.config.get("IMPACT_MIN_MAKERS", 3)
    months = public_months(figures["months"], threshold)
    drawn = [(month, income or 0, *rest) for month, income, *rest in months]
    return render_template(
        "impact/impact.html",
        totals=figures["totals"],
        months=months,
        bars=month_bars(drawn),
        plastic_bars=month_bars(drawn, column=2),
        shows_income=figures["totals"].makers_earned_ever >= threshold,
    )


def _date_arg(name: str, default: date) -> date:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = date.fromisoformat(raw[:10])
    except ValueError:
        raise DomainError(_("Dates must look like 2026-01-31.")) from None
    if not is_sensible_date(value):
        raise DomainError(_("Choose a date between the years 2000 and 2100."))
    return value


def _period() -> tuple[date, date]:
    today = datetime.now(TIMEZONE).date()
    last = _date_arg("end", today)
    first = _date_arg("start", last - timedelta(days=364))
    if first > last:
        raise DomainError(_("The start date must not be after the end date."))
    if (last - first).days > 3660:
        raise DomainError(_("Please choose at most ten years."))
    return first, last


@bp.get("/reports")
@reports_required
def report_page():
    first, last = _period()
    report = build_report(first, last, _("Maker %(letter)s"))
    return render_template(
        "impact/report.html",
        report=report,
        bars=month_bars(report.months),
        plastic_bars=month_bars(report.months, column=2),
        printed_at=utcnow(),
        report_rows=REPORT_ROWS,
    )


REPORT_ROWS = 50  # makers in the page's table (highest income first); the CSV has them all


@bp.get("/reports.csv")
@reports_required
def report_download():
    first, last = _period()
    report = build_report(first, last, _("Maker %(letter)s"))
    body = report_csv(report, {"period": _("Period")})
    filename = f"impact-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
