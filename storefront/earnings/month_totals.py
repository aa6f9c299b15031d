"""Running monthly totals, posted with each ledger transaction, so the impact page and the
sponsor's report read a few thousand small rows instead of grouping the whole ledger.

Two tables, each keyed by a Jakarta calendar month ("YYYY-MM"):

- `maker_month`: per maker and month of sale, her net income, the units and the grams of plastic
  still sold after refunds. A refund is counted against the month its sale was paid in, as the
  impact figures always have (`sold_lines` below is that definition, on the ledger itself).
- `ledger_month`: per month of posting, the shop's activity: orders paid, money in and back,
  platform fees and payouts.

`post(tx)` adds a new transaction's share to both inside the transaction that posts it (one
`INSERT ... ON CONFLICT DO UPDATE` per row touched, in key order, so two postings for the same
maker wait for each other instead of deadlocking). `rebuild()` recomputes both from the ledger:
seed-scale's bulk rows use it, and so does `flask rebuild-month-totals` after a restore."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    Subquery,
    and_,
    case,
    delete,
    false,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from storefront.database import Base, as_utc, utcnow
from storefront.earnings.models import (
    Account,
    LedgerEntry,
    LedgerMonth,
    LedgerTransaction,
    MakerMonth,
    TxKind,
)
from storefront.earnings.queries import month_label
from storefront.extensions import db
from storefront.orders.models import OrderLine
from storefront.shop import TIMEZONE

# A period as [start, end) pieces of UTC time; None bounds are open.
Range = tuple[datetime | None, datetime | None]
Ranges = Sequence[Range]


MAKER_SUMS = ("income_idr", "units", "plastic_grams")
LEDGER_SUMS = ("orders_paid", "sales_idr", "refunds_idr", "platform_fees_idr", "paid_out_idr")


def month_of(moment: datetime) -> str:
    """The Jakarta month ("YYYY-MM") of a UTC time; the same as `month_label` in SQL."""
    return as_utc(moment).astimezone(TIMEZONE).strftime("%Y-%m")


def month_start_of(moment: datetime) -> datetime:
    """The UTC start of the Jakarta month that `moment` falls in."""
    local = moment.astimezone(TIMEZONE)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def next_month_start(moment: datetime) -> datetime:
    start = month_start_of(moment).astimezone(TIMEZONE)
    return month_start_of(start + timedelta(days=32))


# ---- the definition, on the ledger -------------------------------------------------------------


def within(column: SQLColumnExpression[Any], ranges: Ranges) -> ColumnElement[bool]:
    """`column` in any of the [start, end) pieces (nothing if there are none)."""
    pieces = []
    for start, end in ranges:
        bounds = []
        if start is not None:
            bounds.append(column >= start)
        if end is not None:
            bounds.append(column < end)
        pieces.append(and_(*bounds) if bounds else column.is_not(None))
    return or_(*pieces) if pieces else false()


def sold_lines(ranges: Ranges | None = None) -> Subquery:
    """Per sold order line: its maker, when it was paid, her net share and what was refunded,
    for the lines of orders paid in `ranges` (all of them when None). The ranges filter comes
    before the GROUP BY, on indexed columns, so a month's lines cost a month's rows."""
    tx, entry = LedgerTransaction, LedgerEntry
    is_share = entry.account.startswith("maker:")
    query = (
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
        # Only sales and refunds post legs of order lines (payouts and held money have none), so
        # no filter on the kind: it would steer SQLite to the kind index over the whole ledger.
        .where(entry.order_line_id.is_not(None))
        .group_by(entry.order_line_id)
    )
    if ranges is not None:
        sale = select(tx.order_id).where(tx.kind == TxKind.SALE, within(tx.created_at, ranges))
        query = query.where(tx.order_id.in_(sale))
    return query.subquery()


def net_of_refunds(
    sold: Subquery, line: type[OrderLine] = OrderLine
) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Units and grams of plastic still sold after refunds (a refund of half a line's value
    returns half its units), in whole units and grams."""
    kept = line.line_total_idr - sold.c.refunded_idr
    units = (line.quantity * kept) // line.line_total_idr
    grams = (line.plastic_grams * line.quantity * kept) // line.line_total_idr
    return units, grams


def ledger_maker_months(ranges: Ranges | None = None) -> Select[Any]:
    """(maker_id, month, income, units, grams) per maker and month of sale, from the ledger."""
    sold = sold_lines(ranges)
    units, grams = net_of_refunds(sold)
    label = month_label(sold.c.sold_at)
    query = (
        select(
            sold.c.maker_id.label("maker_id"),
            label.label("month"),
            func.sum(sold.c.share_idr).label("income_idr"),
            func.sum(units).label("units"),
            func.sum(grams).label("plastic_grams"),
        )
        .join_from(sold, OrderLine, OrderLine.id == sold.c.line_id)
        .group_by(sold.c.maker_id, label)
    )
    if ranges is not None:
        query = query.where(within(sold.c.sold_at, ranges))
    return query


def ledger_activity_months(ranges: Ranges | None = None) -> Select[Any]:
    """The `ledger_month` columns per month of posting, from the ledger."""
    tx, entry = LedgerTransaction, LedgerEntry
    customer = entry.account == Account.CUSTOMER_PAYMENTS
    label = month_label(tx.created_at)
    query = (
        select(
            label.label("month"),
            func.count(func.distinct(case((tx.kind == TxKind.SALE, tx.id)))).label("orders_paid"),
            func.coalesce(
                func.sum(case((customer & (tx.kind == TxKind.SALE), -entry.amount_idr))), 0
            ).label("sales_idr"),
            func.coalesce(
                func.sum(case((customer & (tx.kind == TxKind.REFUND), entry.amount_idr))), 0
            ).label("refunds_idr"),
            func.coalesce(
                func.sum(case((entry.account == Account.PLATFORM_FEES, entry.amount_idr))), 0
            ).label("platform_fees_idr"),
            func.coalesce(
                func.sum(
                    case(
                        (
                            (entry.account == Account.PAYOUTS) & (tx.kind == TxKind.PAYOUT),
                            entry.amount_idr,
                        )
                    )
                ),
                0,
            ).label("paid_out_idr"),
        )
        .join_from(entry, tx)
        .group_by(label)
    )
    if ranges is not None:
        query = query.where(within(tx.created_at, ranges))
    return query


# ---- posting -----------------------------------------------------------------------------------


@dataclass
class _Deltas:
    makers: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    months: dict[str, list[int]] = field(default_factory=dict)

    def maker(self, maker_id: int, month: str, *values: int) -> None:
        row = self.makers.setdefault((maker_id, month), [0, 0, 0])
        for index, value in enumerate(values):
            row[index] += value

    def month(self, month: str, **values: int) -> None:
        row = self.months.setdefault(month, [0] * len(LEDGER_SUMS))
        for name, value in values.items():
            row[LEDGER_SUMS.index(name)] += value


def _units_grams(line: OrderLine, kept: int) -> tuple[int, int]:
    if line.line_total_idr <= 0:
        return 0, 0
    units = line.quantity * kept // line.line_total_idr
    grams = line.plastic_grams * line.quantity * kept // line.line_total_idr
    return units, grams


def _line_deltas(tx: LedgerTransaction, deltas: _Deltas) -> None:
    """A sale's or a refund's change to each maker's month of sale."""
    by_line: dict[int, list[Any]] = {}
    for entry in tx.entries:
        if entry.order_line_id is None:
            continue
        share = entry.amount_idr if entry.account.startswith("maker:") else 0
        moved = by_line.setdefault(entry.order_line_id, [entry.maker_id, 0, 0])
        moved[1] += share
        moved[2] += entry.amount_idr
    if not by_line:
        return
    lines = {
        line.id: line
        for line in db.session.scalars(select(OrderLine).where(OrderLine.id.in_(by_line)))
    }
    if tx.kind == TxKind.SALE:
        sold_month, refunded = month_of(tx.created_at), None
    else:
        sold_at = db.session.scalar(
            select(LedgerTransaction.created_at).where(
                LedgerTransaction.kind == TxKind.SALE, LedgerTransaction.order_id == tx.order_id
            )
        )
        if sold_at is None:  # a refund with no sale counts nowhere, as in sold_lines
            return
        sold_month, refunded = month_of(sold_at), _refunded_so_far(list(by_line))
    for line_id, (maker_id, share, moved) in sorted(by_line.items()):
        line = lines[line_id]
        if refunded is None:  # a sale: the whole line is kept, from nothing
            kept_before, kept_after = 0, line.line_total_idr
        else:  # a refund: what it takes back of what earlier refunds left
            kept_before = line.line_total_idr - refunded.get(line_id, 0)
            kept_after = kept_before + moved
        units_before, grams_before = _units_grams(line, kept_before)
        units_after, grams_after = _units_grams(line, kept_after)
        deltas.maker(
            maker_id, sold_month, share, units_after - units_before, grams_after - grams_before
        )


def _refunded_so_far(line_ids: list[int]) -> dict[int, int]:
    """What earlier refunds took back of each line (all its legs), one grouped SUM."""
    rows = db.session.execute(
        select(LedgerEntry.order_line_id, func.sum(LedgerEntry.amount_idr))
        .join(LedgerTransaction)
        .where(LedgerEntry.order_line_id.in_(line_ids), LedgerTransaction.kind == TxKind.REFUND)
        .group_by(LedgerEntry.order_line_id)
    )
    return {int(line_id or 0): -int(total) for line_id, total in rows}


def _activity_deltas(tx: LedgerTransaction, deltas: _Deltas) -> None:
    month = month_of(tx.created_at)
    for entry in tx.entries:
        if entry.account == Account.CUSTOMER_PAYMENTS and tx.kind == TxKind.SALE:
            deltas.month(month, sales_idr=-entry.amount_idr)
        elif entry.account == Account.CUSTOMER_PAYMENTS and tx.kind == TxKind.REFUND:
            deltas.month(month, refunds_idr=entry.amount_idr)
        elif entry.account == Account.PLATFORM_FEES:
            deltas.month(month, platform_fees_idr=entry.amount_idr)
        elif entry.account == Account.PAYOUTS and tx.kind == TxKind.PAYOUT:
            deltas.month(month, paid_out_idr=entry.amount_idr)
    if tx.kind == TxKind.SALE:
        deltas.month(month, orders_paid=1)


def _upsert(model: type[Base], keys: dict[str, Any], sums: dict[str, int]) -> None:
    """Add `sums` to the row with `keys`, creating it if needed: one statement, atomic on both
    databases (a concurrent posting's row is waited for, not overwritten)."""
    dialect = db.session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = make(model).values(**keys, **sums)
    table = model.__table__
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={name: table.c[name] + statement.excluded[name] for name in sums},
    )
    db.session.execute(statement)


def post(tx: LedgerTransaction) -> None:
    """Add a transaction about to be posted to the running totals (no commit)."""
    if tx.created_at is None:
        tx.created_at = utcnow()
    deltas = _Deltas()
    if tx.kind in (TxKind.SALE, TxKind.REFUND):
        _line_deltas(tx, deltas)
    _activity_deltas(tx, deltas)
    for (maker_id, month), values in sorted(deltas.makers.items()):
        if any(values):
            _upsert(
                MakerMonth,
                {"maker_id": maker_id, "month": month},
                dict(zip(MAKER_SUMS, values, strict=True)),
            )
    for month, values in sorted(deltas.months.items()):
        if any(values):
            _upsert(LedgerMonth, {"month": month}, dict(zip(LEDGER_SUMS, values, strict=True)))


def rebuild() -> None:
    """Recompute both tables from the ledger (no commit): two INSERT ... SELECTs."""
    db.session.execute(delete(MakerMonth))
    db.session.execute(delete(LedgerMonth))
    makers = ledger_maker_months().subquery()
    db.session.execute(
        insert(MakerMonth).from_select(
            ["maker_id", "month", *MAKER_SUMS],
            select(makers.c.maker_id, makers.c.month, *(makers.c[name] for name in MAKER_SUMS)),
        )
    )
    months = ledger_activity_months().subquery()
    db.session.execute(
        insert(LedgerMonth).from_select(
            ["month", *LEDGER_SUMS], select(months.c.month, *(months.c[n] for n in LEDGER_SUMS))
        )
    )
