"""Made to order within what a maker can make: her queue, the date it lets the shop promise, and
her list of what to make next.

A piece takes her lead time when she is free; she makes `weekly_capacity` pieces a week, so the
n-th piece in her queue is ready `(n - 1) // capacity` weeks after that. Each order's date is
fixed at checkout (with her row locked, so two checkouts cannot both take the last slot of a
week); the shop never shows a date her queue cannot meet."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from storefront.database import utcnow
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import Order, OrderLine, OrderStatus
from storefront.shop import TIMEZONE

DEFAULT_LEAD_DAYS = 14
# Orders whose made-to-order pieces wait to be made (packed or later means made).
QUEUED_STATUSES = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)


def ready_on(
    today: date, lead_days: int | None, capacity: int | None, units_ahead: int, quantity: int
) -> date:
    """When the last of `quantity` pieces would be ready, with `units_ahead` in her queue."""
    lead = lead_days or DEFAULT_LEAD_DAYS
    if not capacity or capacity <= 0:
        return today + timedelta(days=lead)
    weeks = (units_ahead + quantity - 1) // capacity
    return today + timedelta(days=lead + 7 * weeks)


def today_in_jakarta(now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(TIMEZONE).date()


def queued_units(maker_id: int) -> int:
    """Pieces ordered from her and not made yet (one SUM)."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(OrderLine.quantity), 0))
            .join(Order)
            .where(
                OrderLine.maker_id == maker_id,
                OrderLine.is_made_to_order.is_(True),
                OrderLine.made_at.is_(None),
                Order.status.in_(QUEUED_STATUSES),
            )
        )
        or 0
    )


def product_ready_on(product) -> date | None:
    """Template global: the date one more piece of this made-to-order product would be ready."""
    if not product.is_made_to_order:
        return None
    maker = product.maker
    return ready_on(
        today_in_jakarta(),
        product.lead_time_days,
        maker.weekly_capacity,
        queued_units(maker.id) if maker.weekly_capacity else 0,
        1,
    )


def promise_dates(order: Order, lead_days: dict[int, int | None]) -> None:
    """Fix the ready date of each made-to-order line of a just-placed order (no commit).

    `lead_days` is {product id: lead time}. Called after the order's lines are flushed, so they
    count in the queue; a maker's row is locked first (PostgreSQL; SQLite serialises writers)."""
    today = today_in_jakarta()
    lines = [line for line in order.lines if line.is_made_to_order]
    for maker_id in sorted({line.maker_id for line in lines}):
        maker = db.session.scalar(select(Maker).where(Maker.id == maker_id).with_for_update())
        capacity = maker.weekly_capacity if maker is not None else None
        hers = [line for line in lines if line.maker_id == maker_id]
        ahead = queued_units(maker_id) - sum(line.quantity for line in hers)
        for line in hers:
            line.ready_on = ready_on(
                today, lead_days.get(line.product_id or 0), capacity, ahead, line.quantity
            )
            ahead += line.quantity


@dataclass(frozen=True)
class ToMake:
    line: OrderLine
    order: Order
    is_late: bool


def to_make(maker_id: int, today: date | None = None) -> list[ToMake]:
    """Her paid made-to-order pieces not made yet, the earliest promise first."""
    today = today or today_in_jakarta()
    rows = db.session.execute(
        select(OrderLine, Order)
        .join(Order)
        .where(
            OrderLine.maker_id == maker_id,
            OrderLine.is_made_to_order.is_(True),
            OrderLine.made_at.is_(None),
            Order.status == OrderStatus.PAID,
        )
        .order_by(OrderLine.ready_on, OrderLine.id)
    ).all()
    return [ToMake(line, order, _late(line, today)) for line, order in rows]


def late_items(today: date | None = None) -> list[ToMake]:
    """Every paid made-to-order piece past its promised date and not made (admins chase these)."""
    today = today or today_in_jakarta()
    rows = db.session.execute(
        select(OrderLine, Order)
        .join(Order)
        .where(
            OrderLine.is_made_to_order.is_(True),
            OrderLine.made_at.is_(None),
            OrderLine.ready_on < today,
            Order.status == OrderStatus.PAID,
        )
        .order_by(OrderLine.ready_on, OrderLine.id)
    ).all()
    return [ToMake(line, order, True) for line, order in rows]


def _late(line: OrderLine, today: date) -> bool:
    return line.ready_on is not None and line.ready_on < today


def mark_made(line: OrderLine) -> None:
    """She finished this piece: it leaves her queue. Commits."""
    if line.made_at is None:
        line.made_at = utcnow()
        db.session.commit()


def set_capacity(maker: Maker, weekly_capacity: int | None) -> None:
    """How many pieces a week she can make (None: no limit); commits."""
    maker.weekly_capacity = weekly_capacity if weekly_capacity and weekly_capacity > 0 else None
    db.session.commit()
