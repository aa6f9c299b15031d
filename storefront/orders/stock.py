"""Stock moves as conditional UPDATEs: correct under concurrency on SQLite and PostgreSQL alike
(no reliance on SELECT ... FOR UPDATE, which SQLite ignores)."""

from sqlalchemy import update

from storefront.catalog.models import Product
from storefront.database import rows_matched
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.stock_alerts.services import mark_restocked

# A refund of items that never left the shop puts them back on sale.
NOT_SENT = frozenset({OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.READY_FOR_PICKUP})


def take_stock(product_id: int, quantity: int) -> bool:
    """Take `quantity` units if that many are left; False (and nothing taken) otherwise."""
    result = db.session.execute(
        update(Product)
        .where(Product.id == product_id, Product.stock >= quantity)
        .values(stock=Product.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    return rows_matched(result) == 1


def return_stock(product_id: int, quantity: int) -> None:
    """Give units back; back-in-stock subscribers hear after the commit (notify_restocked)."""
    db.session.execute(
        update(Product)
        .where(Product.id == product_id)
        .values(stock=Product.stock + quantity)
        .execution_options(synchronize_session=False)
    )
    mark_restocked(product_id)


def stocked_lines(order: Order) -> list[tuple[int, int]]:
    """(product id, quantity) of the lines that hold stock (made-to-order lines do not)."""
    return [
        (line.product_id, line.quantity)
        for line in order.lines
        if line.product_id is not None and not line.is_made_to_order
    ]


def take_all(items: list[tuple[int, int]]) -> int | None:
    """Take every item or none: on the first shortage give back what was taken and return the
    product id that ran out (no savepoint: pysqlite's are unreliable)."""
    taken: list[tuple[int, int]] = []
    for product_id, quantity in items:
        if not take_stock(product_id, quantity):
            for back_id, back_quantity in taken:
                return_stock(back_id, back_quantity)
            return product_id
        taken.append((product_id, quantity))
    return None


def release_all(order: Order) -> None:
    for product_id, quantity in stocked_lines(order):
        return_stock(product_id, quantity)


def restock_refunded(order: Order, quantities: dict[int, int] | None) -> None:
    """A refund of an order that has not been sent: the refunded items ({line id: items}, or
    every line when None) go back on sale. Call with the status before the refund."""
    if order.status not in NOT_SENT:
        return
    for line in order.lines:
        if line.product_id is None or line.is_made_to_order:
            continue
        quantity = line.quantity if quantities is None else quantities.get(line.id, 0)
        if quantity > 0:
            return_stock(line.product_id, quantity)
