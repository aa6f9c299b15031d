"""Impact figures, computed from the earnings ledger and the order lines it points at.

Everything counts sales by the date they were paid, net of any refund of those sales, so a refund
and an unpaid order never count. Each function is one aggregate query, over the running monthly
totals for the whole months of its period and over the ledger for the partial months at its
ends (earnings.month_totals): flat however long the shop's history grows.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    select,
    true,
    union_all,
)

from storefront.catalog.models import Product
from storefront.earnings import month_totals
from storefront.earnings.models import LedgerEntry, LedgerMonth, LedgerTransaction, MakerMonth
from storefront.earnings.queries import month_label
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import OrderLine
from storefront.shop import TIMEZONE
from storefront.vouchers.models import SponsorCampaign, sponsor_account


@dataclass(frozen=True)
class Totals:
    maker_income_idr: int
    makers_earned_ever: int
    makers_earned_30_days: int
    products_sold: int
    plastic_grams: int
    # Money actually handed to the makers (payouts), as opposed to income earned and still owed.
    paid_out_idr: int = 0


@dataclass(frozen=True)
class MakerIncome:
    maker: Maker
    income_idr: int
    products_sold: int


def _in_period(query: Select, column, start: datetime | None, end: datetime | None) -> Select:
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


@dataclass(frozen=True)
class Span:
    """A period cut for reading: the whole Jakarta months in it come from the running monthly
    totals (`months`: first <= month < stop, either end open, or None for no whole month), the
    partial months at its ends from the ledger itself (`pieces`, at most two, each under a
    month): so any period costs a few thousand total rows plus at most two months of ledger."""

    months: tuple[str | None, str | None] | None
    pieces: month_totals.Ranges


def span(start: datetime | None, end: datetime | None) -> Span:
    lower = start if start is None or start == month_totals.month_start_of(start) else None
    if start is not None and lower is None:
        lower = month_totals.next_month_start(start)
    upper = None if end is None else month_totals.month_start_of(end)
    if lower is not None and upper is not None and lower >= upper:
        return Span(None, [(start, end)])  # inside one month: the ledger alone
    pieces: list[month_totals.Range] = []
    if start is not None and lower != start:
        pieces.append((start, lower))
    if end is not None and upper != end:
        pieces.append((upper, end))
    months = (
        None if lower is None else month_totals.month_of(lower),
        None if upper is None else month_totals.month_of(upper),
    )
    return Span(months, pieces)


def _whole_months(column, cut: Span) -> ColumnElement[bool]:
    if cut.months is None:
        return false()
    first, stop = cut.months
    bounds = [true()]
    if first is not None:
        bounds.append(column >= first)
    if stop is not None:
        bounds.append(column < stop)
    return and_(*bounds)


def _union(parts: list[Select]):
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()


def _maker_rows(cut: Span):
    """(maker_id, month, income, units, grams) rows: whole months from the totals, then one row
    per sold line of the partial months (its month of sale)."""
    mm = MakerMonth
    parts: list[Select] = [
        select(
            mm.maker_id.label("maker_id"),
            mm.month.label("month"),
            mm.income_idr.label("income"),
            mm.units.label("units"),
            mm.plastic_grams.label("grams"),
        ).where(_whole_months(mm.month, cut))
    ]
    if cut.pieces:
        sold = month_totals.sold_lines(cut.pieces)
        units, grams = month_totals.net_of_refunds(sold)
        parts.append(
            select(
                sold.c.maker_id,
                month_label(sold.c.sold_at),
                sold.c.share_idr,
                units,
                grams,
            )
            .join_from(sold, OrderLine, OrderLine.id == sold.c.line_id)
            .where(month_totals.within(sold.c.sold_at, cut.pieces))
        )
    return _union(parts)


def _per_maker(cut: Span):
    rows = _maker_rows(cut)
    return (
        select(
            rows.c.maker_id.label("maker_id"),
            func.sum(rows.c.income).label("income"),
            func.sum(rows.c.units).label("units"),
            func.sum(rows.c.grams).label("grams"),
        )
        .group_by(rows.c.maker_id)
        .subquery()
    )


def _activity_rows(cut: Span):
    """The per-month activity columns: whole months from the totals, partial ones from the
    ledger."""
    lm = LedgerMonth
    parts: list[Select] = [
        select(*(getattr(lm, name).label(name) for name in month_totals.LEDGER_SUMS)).where(
            _whole_months(lm.month, cut)
        )
    ]
    if cut.pieces:
        ledger = month_totals.ledger_activity_months(cut.pieces).subquery()
        parts.append(select(*(ledger.c[name] for name in month_totals.LEDGER_SUMS)))
    return _union(parts)


def _makers_recent(start: datetime | None, end: datetime | None, now: datetime):
    """Makers who earned from sales in the 30 days before `now` (within the period): the
    ledger's last 30 days only."""
    since = now - timedelta(days=30)
    recent: list[month_totals.Range] = [(since if start is None else max(start, since), end)]
    sold = month_totals.sold_lines(recent)
    return (
        select(func.count(func.distinct(case((sold.c.share_idr > 0, sold.c.maker_id)))))
        .where(month_totals.within(sold.c.sold_at, recent))
        .scalar_subquery()
    )


def totals(
    start: datetime | None = None, end: datetime | None = None, now: datetime | None = None
) -> Totals:
    """All the headline figures in one query."""
    cut = span(start, end)
    per_maker, activity_rows = _per_maker(cut), _activity_rows(cut)
    paid_out = select(func.coalesce(func.sum(activity_rows.c.paid_out_idr), 0)).scalar_subquery()
    query = select(
        func.coalesce(func.sum(per_maker.c.income), 0),
        func.count(case((per_maker.c.income > 0, per_maker.c.maker_id))),
        _makers_recent(start, end, now or datetime.now(UTC)),
        func.coalesce(func.sum(per_maker.c.units), 0),
        func.coalesce(func.sum(per_maker.c.grams), 0),
        paid_out,
    ).select_from(per_maker)
    return Totals(*(int(value or 0) for value in db.session.execute(query).one()))


def monthly(start: datetime | None = None, end: datetime | None = None) -> list[tuple]:
    """[(YYYY-MM, maker income, plastic grams, makers who earned)] per Jakarta month."""
    rows = _maker_rows(span(start, end))
    query = (
        select(
            rows.c.month,
            func.sum(rows.c.income),
            func.sum(rows.c.grams),
            func.count(func.distinct(case((rows.c.income > 0, rows.c.maker_id)))),
        )
        .group_by(rows.c.month)
        .order_by(rows.c.month)
    )
    return [
        (str(month), int(income), int(plastic), int(n))
        for month, income, plastic, n in db.session.execute(query)
    ]


def income_per_maker(start: datetime | None = None, end: datetime | None = None) -> list:
    """Each maker who sold in the period with her net income and units, highest first."""
    per_maker = _per_maker(span(start, end))
    query = (
        select(Maker, per_maker.c.income, per_maker.c.units)
        .join(per_maker, per_maker.c.maker_id == Maker.id)
        .order_by(per_maker.c.income.desc(), Maker.id)
    )
    return [MakerIncome(m, int(i), int(u)) for m, i, u in db.session.execute(query)]


def products_found_a_home(maker_id: int) -> int:
    """Units of her products sold, net of refunds (shown on her profile only with her consent)."""
    query = select(func.coalesce(func.sum(MakerMonth.units), 0)).where(
        MakerMonth.maker_id == maker_id
    )
    return int(db.session.scalar(query) or 0)


@dataclass(frozen=True)
class Activity:
    orders_paid: int
    sales_idr: int
    refunds_idr: int
    platform_fees_idr: int
    new_listings: int


def activity(start: datetime | None = None, end: datetime | None = None) -> Activity:
    """Orders paid, money in and out, fees and new listings in the period (two queries)."""
    rows = _activity_rows(span(start, end))
    money = db.session.execute(
        select(
            *(
                func.coalesce(func.sum(rows.c[name]), 0)
                for name in ("orders_paid", "sales_idr", "refunds_idr", "platform_fees_idr")
            )
        )
    ).one()
    listings = db.session.scalar(
        _in_period(select(func.count(Product.id)), Product.published_at, start, end)
    )
    orders_paid, sales_idr, refunds_idr, fees_idr = (int(v) for v in money)
    return Activity(orders_paid, sales_idr, refunds_idr, fees_idr, int(listings or 0))


@dataclass
class CampaignSpend:
    name: str
    budget_idr: int
    spent_idr: int  # discounts of paid orders, less those refunded, from the ledger


def campaign_spend(start: datetime | None = None, end: datetime | None = None) -> list:
    """What each sponsor campaign paid in voucher discounts in the period (one query)."""
    account = literal(sponsor_account(0)[:-1], String) + cast(SponsorCampaign.id, String)
    postings = (
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .join_from(LedgerEntry, LedgerTransaction)
        .where(LedgerEntry.account == account)
    )
    spent = _in_period(postings, LedgerTransaction.created_at, start, end).scalar_subquery()
    rows = db.session.execute(
        select(SponsorCampaign.name, SponsorCampaign.budget_idr, spent).order_by(
            SponsorCampaign.name
        )
    )
    return [CampaignSpend(name, budget, -int(total)) for name, budget, total in rows]


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, last+1 00:00) in Jakarta time, as aware UTC datetimes."""
    start = datetime(first.year, first.month, first.day, tzinfo=TIMEZONE)
    end = datetime(last.year, last.month, last.day, tzinfo=TIMEZONE) + timedelta(days=1)
    return start.astimezone(UTC), end.astimezone(UTC)
