"""Impact figures, computed from the earnings ledger and the order lines it points at.

Everything counts sales by the date they were paid, net of any refund of those sales, so a refund
and an unpaid order never count. Each function is one aggregate query.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, case, func, select

from storefront.catalog.models import Product
from storefront.earnings.models import Account, LedgerEntry, LedgerTransaction, TxKind
from storefront.earnings.queries import month_label
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import OrderLine
from storefront.shop import TIMEZONE


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


def _sold_lines():
    """Per sold order line: its maker, when it was paid, her net share, and what was refunded."""
    tx, entry = LedgerTransaction, LedgerEntry
    is_share = entry.account.startswith("maker:")
    return (
        select(
            entry.order_line_id.label("line_id"),
            func.min(entry.maker_id).label("maker_id"),
            func.min(case((tx.kind == TxKind.SALE, tx.created_at))).label("sold_at"),
            func.sum(case((is_share, entry.amount_idr), else_=0)).label("share_idr"),
            func.sum(case((tx.kind == TxKind.REFUND, -entry.amount_idr), else_=0)).label(
                "refunded_idr"
            ),
        )
        .select_from(entry)
        .join(tx)
        .where(entry.order_line_id.is_not(None), tx.kind.in_((TxKind.SALE, TxKind.REFUND)))
        .group_by(entry.order_line_id)
        .subquery()
    )


def _net(sold, line):
    """Units and grams of plastic still sold after refunds (a refund of half a line's value
    returns half its units), in whole units and grams."""
    kept = line.line_total_idr - sold.c.refunded_idr
    units = (line.quantity * kept) // line.line_total_idr
    grams = (line.plastic_grams * line.quantity * kept) // line.line_total_idr
    return units, grams


def _in_period(query: Select, column, start: datetime | None, end: datetime | None) -> Select:
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def totals(
    start: datetime | None = None, end: datetime | None = None, now: datetime | None = None
) -> Totals:
    """All the headline figures in one query."""
    sold, line = _sold_lines(), OrderLine
    units, grams = _net(sold, line)
    recent = sold.c.sold_at >= (now or datetime.now(UTC)) - timedelta(days=30)
    earned = sold.c.share_idr > 0
    paid_out = _in_period(
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .join(LedgerTransaction)
        .where(LedgerEntry.account == Account.PAYOUTS, LedgerTransaction.kind == TxKind.PAYOUT),
        LedgerTransaction.created_at,
        start,
        end,
    ).scalar_subquery()
    query = select(
        func.coalesce(func.sum(sold.c.share_idr), 0),
        func.count(func.distinct(case((earned, sold.c.maker_id)))),
        func.count(func.distinct(case((earned & recent, sold.c.maker_id)))),
        func.coalesce(func.sum(units), 0),
        func.coalesce(func.sum(grams), 0),
        paid_out,
    ).join_from(sold, line, line.id == sold.c.line_id)
    row = db.session.execute(_in_period(query, sold.c.sold_at, start, end)).one()
    return Totals(*(int(value) for value in row))


def monthly(start: datetime | None = None, end: datetime | None = None) -> list[tuple]:
    """[(YYYY-MM, maker income, plastic grams, makers who earned)] per Jakarta month."""
    sold, line = _sold_lines(), OrderLine
    _units, grams = _net(sold, line)
    label = month_label(sold.c.sold_at)
    query = (
        select(
            label,
            func.sum(sold.c.share_idr),
            func.sum(grams),
            func.count(func.distinct(case((sold.c.share_idr > 0, sold.c.maker_id)))),
        )
        .join_from(sold, line, line.id == sold.c.line_id)
        .group_by(label)
        .order_by(label)
    )
    rows = db.session.execute(_in_period(query, sold.c.sold_at, start, end)).all()
    return [(str(month), int(income), int(plastic), int(n)) for month, income, plastic, n in rows]


def income_per_maker(start: datetime | None = None, end: datetime | None = None) -> list:
    """Each maker who sold in the period with her net income and units, highest first."""
    sold, line = _sold_lines(), OrderLine
    units, _grams = _net(sold, line)
    per_maker = _in_period(
        select(
            sold.c.maker_id.label("maker_id"),
            func.sum(sold.c.share_idr).label("income"),
            func.sum(units).label("units"),
        )
        .join_from(sold, line, line.id == sold.c.line_id)
        .group_by(sold.c.maker_id),
        sold.c.sold_at,
        start,
        end,
    ).subquery()
    query = (
        select(Maker, per_maker.c.income, per_maker.c.units)
        .join(per_maker, per_maker.c.maker_id == Maker.id)
        .order_by(per_maker.c.income.desc(), Maker.id)
    )
    return [MakerIncome(m, int(i), int(u)) for m, i, u in db.session.execute(query)]


def products_found_a_home(maker_id: int) -> int:
    """Units of her products sold, net of refunds (shown on her profile only with her consent)."""
    sold, line = _sold_lines(), OrderLine
    units, _grams = _net(sold, line)
    query = (
        select(func.coalesce(func.sum(units), 0))
        .join_from(sold, line, line.id == sold.c.line_id)
        .where(sold.c.maker_id == maker_id)
    )
    return int(db.session.scalar(query))


@dataclass(frozen=True)
class Activity:
    orders_paid: int
    sales_idr: int
    refunds_idr: int
    platform_fees_idr: int
    new_listings: int


def activity(start: datetime | None = None, end: datetime | None = None) -> Activity:
    """Orders paid, money in and out, fees and new listings in the period (two queries)."""
    tx, entry = LedgerTransaction, LedgerEntry
    customer = entry.account == Account.CUSTOMER_PAYMENTS
    query = select(
        func.count(func.distinct(case((tx.kind == TxKind.SALE, tx.id)))),
        func.coalesce(func.sum(case((customer & (tx.kind == TxKind.SALE), -entry.amount_idr))), 0),
        func.coalesce(func.sum(case((customer & (tx.kind == TxKind.REFUND), entry.amount_idr))), 0),
        func.coalesce(
            func.sum(case((entry.account == Account.PLATFORM_FEES, entry.amount_idr))), 0
        ),
    ).join_from(entry, tx)
    money = db.session.execute(_in_period(query, tx.created_at, start, end)).one()
    listings = db.session.scalar(
        _in_period(select(func.count(Product.id)), Product.published_at, start, end)
    )
    orders_paid, sales_idr, refunds_idr, fees_idr = (int(v) for v in money)
    return Activity(orders_paid, sales_idr, refunds_idr, fees_idr, int(listings or 0))


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, last+1 00:00) in Jakarta time, as aware UTC datetimes."""
    start = datetime(first.year, first.month, first.day, tzinfo=TIMEZONE)
    end = datetime(last.year, last.month, last.day, tzinfo=TIMEZONE) + timedelta(days=1)
    return start.astimezone(UTC), end.astimezone(UTC)
