"""The admin orders list: one filtered query, paginated."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, or_, select

from storefront.makers.models import Maker
from storefront.orders.models import Order, OrderLine
from storefront.shop import TIMEZONE


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=TIMEZONE).astimezone(UTC)


def _makers_named(text: str):
    """Makers by number, or by part of her name or slug (the admin may search full names)."""
    if text.isascii() and text.isdigit() and len(text) <= 10:
        return select(Maker.id).where(Maker.id == int(text))
    return select(Maker.id).where(
        or_(
            Maker.full_name.icontains(text, autoescape=True),
            Maker.slug.icontains(text, autoescape=True),
        )
    )


def filtered_orders(
    *,
    status: str = "",
    maker: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
):
    """Orders matching the filters, newest first (dates are Jakarta calendar days, inclusive)."""
    query = select(Order).order_by(Order.created_at.desc(), Order.id.desc())
    if status:
        query = query.where(Order.status == status)
    if maker:
        query = query.where(
            select(OrderLine.id)
            .where(OrderLine.order_id == Order.id, OrderLine.maker_id.in_(_makers_named(maker)))
            .exists()
        )
    if date_from:
        query = query.where(Order.created_at >= _day_start(date_from))
    if date_to:
        query = query.where(Order.created_at < _day_start(date_to + timedelta(days=1)))
    q = q.strip()
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        terms: list[ColumnElement[bool]] = [
            Order.number.ilike(f"%{q}%"),
            Order.email.ilike(f"%{q}%"),
        ]
        if len(digits) >= 4:
            terms.append(Order.phone.contains(digits[-9:]))
        query = query.where(or_(*terms))
    return query
