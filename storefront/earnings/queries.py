"""Read-side queries for the maker's dashboard, her statement and the admin payouts page.

Each is one query whatever the number of sales, so the pages stay at a constant query count."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, case, func, select
from sqlalchemy.orm import contains_eager

from storefront.earnings.models import Account, LedgerEntry, LedgerTransaction, Payout, TxKind
from storefront.earnings.models import maker_account as account_of
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import Order, OrderLine, OrderStatus
from storefront.shop import TIMEZONE, TIMEZONE_NAME, UTC_OFFSET

EARNING_KINDS = (TxKind.SALE, TxKind.REFUND)


@dataclass(frozen=True)
class Summary:
    balance_idr: int
    earned_all_idr: int
    earned_month_idr: int
    paid_out_idr: int


def month_start(now: datetime | None = None, back: int = 0) -> datetime:
    """The start (in UTC) of the Jakarta calendar month `back` months before `now`'s."""
    local = (now or datetime.now(UTC)).astimezone(TIMEZONE)
    year, month = divmod(local.year * 12 + local.month - 1 - back, 12)
    return datetime(year, month + 1, 1, tzinfo=TIMEZONE).astimezone(UTC)


def maker_summary(maker_id: int, now: datetime | None = None) -> Summary:
    """Balance owed, net earned (all time and this month) and paid out, in one query."""
    earning = LedgerTransaction.kind.in_(EARNING_KINDS)
    amount = LedgerEntry.amount_idr
    this_month = LedgerTransaction.created_at >= month_start(now)
    row = db.session.execute(
        select(
            func.coalesce(func.sum(amount), 0),
            func.coalesce(func.sum(case((earning, amount), else_=0)), 0),
            func.coalesce(func.sum(case((earning & this_month, amount), else_=0)), 0),
            func.coalesce(
                func.sum(case((LedgerTransaction.kind == TxKind.PAYOUT, -amount), else_=0)), 0
            ),
        )
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(LedgerEntry.account == account_of(maker_id))
    ).one()
    return Summary(*(int(value) for value in row))


@dataclass(frozen=True)
class StatementRow:
    created_at: datetime
    kind: str
    order_number: str
    title: str
    quantity: int
    unit_price_idr: int
    line_total_idr: int
    fee_idr: int
    net_idr: int
    reference: str


def statement_rows(
    maker_id: int,
    kinds: Iterable[str] | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[StatementRow]:
    """Every posting on her account, one row per transaction and order line, with its fee."""
    mine = LedgerEntry.account == account_of(maker_id)
    query = (
        select(
            LedgerTransaction.created_at,
            LedgerTransaction.kind,
            func.coalesce(Order.number, ""),
            func.coalesce(OrderLine.title, ""),
            func.coalesce(OrderLine.quantity, 0),
            func.coalesce(OrderLine.unit_price_idr, 0),
            func.coalesce(OrderLine.line_total_idr, 0),
            func.sum(
                case(
                    (LedgerEntry.account == Account.PLATFORM_FEES, LedgerEntry.amount_idr), else_=0
                )
            ),
            func.sum(case((mine, LedgerEntry.amount_idr), else_=0)),
            func.coalesce(Payout.reference, ""),
        )
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .outerjoin(OrderLine, OrderLine.id == LedgerEntry.order_line_id)
        .outerjoin(Order, Order.id == LedgerTransaction.order_id)
        .outerjoin(Payout, Payout.id == LedgerTransaction.payout_id)
        .where(
            LedgerEntry.maker_id == maker_id, mine | (LedgerEntry.account == Account.PLATFORM_FEES)
        )
        .group_by(
            LedgerTransaction.id,
            LedgerTransaction.created_at,
            LedgerTransaction.kind,
            LedgerEntry.order_line_id,
            Order.number,
            OrderLine.title,
            OrderLine.quantity,
            OrderLine.unit_price_idr,
            OrderLine.line_total_idr,
            Payout.reference,
        )
    )
    if kinds:
        query = query.where(LedgerTransaction.kind.in_(kinds))
    direction = (
        (LedgerTransaction.created_at.desc(), LedgerTransaction.id.desc())
        if newest_first
        else (LedgerTransaction.created_at, LedgerTransaction.id)
    )
    query = query.order_by(*direction, LedgerEntry.order_line_id)
    if limit:
        query = query.limit(limit)
    return [StatementRow(*row) for row in db.session.execute(query)]


def month_label(column: SQLColumnExpression[datetime]) -> ColumnElement[str]:
    """SQL for the Jakarta calendar month ("YYYY-MM") of a UTC timestamp column."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone(TIMEZONE_NAME, column), "YYYY-MM")
    hours = int(UTC_OFFSET.total_seconds()) // 3600
    return func.strftime("%Y-%m", column, f"+{hours} hours")  # Jakarta has no daylight saving


def monthly_earnings(
    maker_id: int, months: int = 12, now: datetime | None = None
) -> list[tuple[date, int]]:
    """[(date of month start, net earned)] for the last `months` Jakarta months, oldest first."""
    label = month_label(LedgerTransaction.created_at)
    rows = db.session.execute(
        select(label, func.sum(LedgerEntry.amount_idr))
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(
            LedgerEntry.account == account_of(maker_id),
            LedgerTransaction.kind.in_(EARNING_KINDS),
            LedgerTransaction.created_at >= month_start(now, months - 1),
        )
        .group_by(label)
    ).all()
    by_label = {str(key): int(total) for key, total in rows}
    starts = [month_start(now, back).astimezone(TIMEZONE) for back in range(months - 1, -1, -1)]
    return [(start.date(), by_label.get(start.strftime("%Y-%m"), 0)) for start in starts]


def items_to_fulfil(maker_id: int) -> list[OrderLine]:
    """Her lines of paid orders not yet packed or handed over, oldest order first."""
    return list(
        db.session.scalars(
            select(OrderLine)
            .join(Order)
            .options(contains_eager(OrderLine.order))
            .where(OrderLine.maker_id == maker_id, Order.status == OrderStatus.PAID)
            .order_by(Order.paid_at, Order.id, OrderLine.id)
        )
    )


def maker_payouts(maker_id: int, limit: int = 24) -> list[Payout]:
    """Her latest payouts (all of them are in her statement CSV)."""
    return list(
        db.session.scalars(
            select(Payout)
            .where(Payout.maker_id == maker_id)
            .order_by(Payout.paid_on.desc(), Payout.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class MakerOwed:
    maker: Maker
    balance_idr: int
    last_paid_on: object
    last_amount_idr: int | None


def makers_owed_query() -> Select[Maker]:
    """Every maker, by name: the payouts page paginates it (balances come for a page only)."""
    return select(Maker).order_by(Maker.full_name, Maker.id)


def owed_for(makers: list[Maker]) -> list[MakerOwed]:
    """These makers' balances and last payouts: two queries on her account's index and the
    (maker_id, paid_on, id) payout index, for one page of makers whatever their number."""
    if not makers:
        return []
    accounts = [account_of(maker.id) for maker in makers]
    balances = dict(
        db.session.execute(
            select(LedgerEntry.account, func.sum(LedgerEntry.amount_idr))
            .where(LedgerEntry.account.in_(accounts))
            .group_by(LedgerEntry.account)
        ).all()
    )
    last_id = (
        select(func.max(Payout.id))
        .where(Payout.maker_id.in_([maker.id for maker in makers]))
        .group_by(Payout.maker_id)
    )
    last = {p.maker_id: p for p in db.session.scalars(select(Payout).where(Payout.id.in_(last_id)))}
    return [
        MakerOwed(
            maker,
            int(balances.get(account_of(maker.id), 0) or 0),
            last[maker.id].paid_on if maker.id in last else None,
            last[maker.id].amount_idr if maker.id in last else None,
        )
        for maker in makers
    ]


def makers_owed() -> list[MakerOwed]:
    """Every maker with her balance and last payout, most owed first (the statement CSVs and
    small shops; the payouts page pages through makers_owed_query() instead)."""
    makers = list(db.session.scalars(makers_owed_query()))
    rows = owed_for(makers)
    return sorted(rows, key=lambda row: (-row.balance_idr, row.maker.full_name))


def payout_history_query(maker_id: int | None = None) -> Select[Payout, Maker]:
    query = select(Payout, Maker).join(Maker, Maker.id == Payout.maker_id)
    if maker_id:
        query = query.where(Payout.maker_id == maker_id)
    return query


def payout_history(
    maker_id: int | None = None, limit: int | None = None
) -> list[tuple[Payout, Maker]]:
    query = payout_history_query(maker_id).order_by(Payout.paid_on.desc(), Payout.id.desc())
    if limit:
        query = query.limit(limit)
    return [(payout, maker) for payout, maker in db.session.execute(query)]


def lines_refunded_in_full(line_ids: Iterable[int]) -> set[int]:
    """The order lines whose sale the refunds have reversed in full (every item given back: the
    share and fee posted for the line are zero again); a line refunded in part is not. One SUM."""
    ids = list(line_ids)
    if not ids:
        return set()
    sold = func.sum(case((LedgerTransaction.kind == TxKind.SALE, LedgerEntry.amount_idr), else_=0))
    query = (
        select(LedgerEntry.order_line_id)
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(LedgerEntry.order_line_id.in_(ids), LedgerTransaction.kind.in_(EARNING_KINDS))
        .group_by(LedgerEntry.order_line_id)
        .having(sold > 0, func.sum(LedgerEntry.amount_idr) <= 0)
    )
    return {line_id for line_id in db.session.scalars(query) if line_id is not None}
