"""Stock moves as conditional UPDATEs: correct under concurrency on SQLite and PostgreSQL alike
(no reliance on SELECT ... FOR UPDATE, which SQLite ignores).

A variant's units are taken from the variant and from its product together (the product's stock
is the sum of its variants'), so a listing page that reads only the product stays right."""

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select, update

from storefront.catalog.models import Product, ProductVariant
from storefront.database import as_utc, rows_matched, utcnow
from storefront.extensions import db
from storefront.orders.models import Order, OrderLine, OrderStatus
from storefront.page_cache import keep_page_until
from storefront.stock_alerts.services import mark_restocked

# A refund of items that never left the shop puts them back on sale.
NOT_SENT = frozenset({OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.READY_FOR_PICKUP})


class Held(NamedTuple):
    product_id: int
    quantity: int
    variant_id: int | None = None


def _take(model: type[Product] | type[ProductVariant], row_id: int, quantity: int) -> bool:
    statement = update(model).where(model.id == row_id, model.stock >= quantity)
    if model is ProductVariant:
        # An option waiting for review is not on sale: its stock is not part of the product's.
        statement = statement.where(ProductVariant.is_approved.is_(True))
    result = db.session.execute(
        statement.values(stock=model.stock - quantity).execution_options(synchronize_session=False)
    )
    return rows_matched(result) == 1


def _give(model: type[Product] | type[ProductVariant], row_id: int, quantity: int) -> None:
    db.session.execute(
        update(model)
        .where(model.id == row_id)
        .values(stock=model.stock + quantity)
        .execution_options(synchronize_session=False)
    )


def take_stock(product_id: int, quantity: int, variant_id: int | None = None) -> bool:
    """Take `quantity` units if that many are left; False (and nothing taken) otherwise.

    The product's row first, then the variant's: with lines sorted by product, every checkout
    locks rows in the same order (no deadlock between two orders of one product's variants)."""
    if not _take(Product, product_id, quantity):
        return False
    if variant_id is not None and not _take(ProductVariant, variant_id, quantity):
        _give(Product, product_id, quantity)
        return False
    return True


def return_stock(product_id: int, quantity: int, variant_id: int | None = None) -> None:
    """Give units back; back-in-stock subscribers hear after the commit (notify_restocked)."""
    if variant_id is not None:
        _give(ProductVariant, variant_id, quantity)
    _give(Product, product_id, quantity)
    mark_restocked(product_id)


def stocked_lines(order: Order) -> list[Held]:
    """(product id, quantity, variant id) of the lines that hold stock (made-to-order lines do
    not)."""
    return [
        Held(line.product_id, line.quantity, line.variant_id)
        for line in order.lines
        if line.product_id is not None and not line.is_made_to_order
    ]


def take_all(items: list[Held]) -> int | None:
    """Take every item or none: on the first shortage give back what was taken and return the
    product id that ran out (no savepoint: pysqlite's are unreliable)."""
    taken: list[Held] = []
    for item in items:
        if not take_stock(*item):
            for back in taken:
                return_stock(*back)
            return item.product_id
        taken.append(item)
    return None


def release_all(order: Order) -> None:
    for item in stocked_lines(order):
        return_stock(*item)


def held_until(products: Iterable[Product]) -> dict[int, datetime]:
    """For the products of a page whose stock is all held by unpaid orders: {product id: the end
    of the soonest reservation holding it}, in one query for the whole list (none when nothing
    on it is gone). A product simply gone (or made to order) is not in it.

    A page that shows such a time is kept in the page cache no longer than until then: after
    it, the reservation is released (or paid), and "reserved" would no longer be true."""
    ids = {p.id for p in products if p.stock <= 0 and not p.is_made_to_order}
    if not ids:
        return {}
    rows = db.session.execute(
        select(OrderLine.product_id, func.min(Order.reserved_until))
        .join(Order, OrderLine.order_id == Order.id)
        .where(
            OrderLine.product_id.in_(sorted(ids)),
            OrderLine.is_made_to_order.is_(False),
            Order.status == OrderStatus.PENDING_PAYMENT,
            Order.reserved_until > utcnow(),
        )
        .group_by(OrderLine.product_id)
    )
    held = {
        product_id: as_utc(until)
        for product_id, until in rows
        if product_id is not None and until is not None
    }
    if held:
        keep_page_until(min(held.values()))
    return held


def restock_refunded(order: Order, quantities: dict[int, int] | None) -> None:
    """A refund of an order that has not been sent: the refunded items ({line id: items}, or
    every line when None) go back on sale (to their option too). Call with the status before
    the refund."""
    if order.status not in NOT_SENT:
        return
    for line in order.lines:
        if line.product_id is None or line.is_made_to_order:
            continue
        quantity = line.quantity if quantities is None else quantities.get(line.id, 0)
        if quantity > 0:
            return_stock(line.product_id, quantity, line.variant_id)
