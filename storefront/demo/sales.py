"""Demo sales history: paid orders over the last months, posted to the ledger as real sales are,
plus a few payouts and one partial refund, so dashboards, /impact and /reports show figures.

Runs once (only when there are no orders yet) after the catalog is seeded. Orders are built as
the checkout would snapshot them and posted through the earnings services; only their dates are
set in the past."""

import random
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from storefront.catalog.models import ListingStatus, Product
from storefront.earnings.models import PayoutMethod
from storefront.earnings.services import maker_balance, record_payout, record_refund, record_sale
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import (
    DeliveryMethod,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
)

CUSTOMERS = (
    (
        "Maya Putri",
        "Jl. Kenanga 12",
        "Menteng, Jakarta Pusat",
        "Jakarta Pusat",
        "DKI Jakarta",
        "10310",
    ),
    ("Andi Wijaya", "Jl. Dago 88", "Coblong", "Bandung", "Jawa Barat", "40135"),
    ("Sarah Collins", "Jl. Raya Ubud 5", "Ubud, Gianyar", "Gianyar", "Bali", "80571"),
    ("Budi Santoso", "Jl. Pemuda 21", "Tegalsari", "Surabaya", "Jawa Timur", "60271"),
    ("Lina Hartono", "Jl. Gatot Subroto 40", "Medan Petisah", "Medan", "Sumatera Utara", "20112"),
)
SHIPPING = {
    "DKI Jakarta": 15_000,
    "Jawa Barat": 25_000,
    "Jawa Timur": 25_000,
    "Bali": 40_000,
    "Sumatera Utara": 40_000,
}
ORDERS = 30
FULFILMENT = (OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def seed_sales(now: datetime) -> int:
    """Create the demo orders and post them (one commit), then the payouts; returns orders made."""
    if db.session.scalar(select(Order.id).limit(1)) is not None:
        return 0
    rng = random.Random("demo-sales")
    products = list(
        db.session.scalars(
            select(Product)
            .join(Product.maker)
            .where(Product.status == ListingStatus.LIVE, Maker.is_listed.is_(True))
            .where((Product.stock > 1) | Product.is_made_to_order.is_(True))
            .order_by(Product.id)
        )
    )
    orders = [_order(rng, products, now, n) for n in range(ORDERS)]
    db.session.commit()
    _refund_one(orders)
    _payouts(now)
    return len(orders)


def _order(rng: random.Random, products: list[Product], now: datetime, n: int) -> Order:
    days_ago = int(170 * (1 - n / ORDERS)) + rng.randint(0, 4)
    paid_at = now - timedelta(days=days_ago, hours=rng.randint(1, 10))
    name, street, area, city, province, postal = CUSTOMERS[n % len(CUSTOMERS)]
    pickup = n % 6 == 0
    chosen = rng.sample(
        [p for p in products if p.is_made_to_order or p.stock > 1], rng.choice((1, 1, 2))
    )
    lines = [_line(product) for product in chosen]
    subtotal = sum(line.line_total_idr for line in lines)
    shipping = 0 if pickup else SHIPPING[province]
    order = Order(
        number=f"AN{paid_at:%y%m%d}-D{n:04d}",
        token=secrets.token_urlsafe(32),
        status=OrderStatus.PAID,
        contact_name=name,
        email=f"{name.split()[0].lower()}@example.com",
        phone=f"+62812{5550000 + n:07d}",
        delivery_method=DeliveryMethod.PICKUP if pickup else DeliveryMethod.SHIP,
        street="" if pickup else street,
        area="" if pickup else area,
        city="" if pickup else city,
        province="" if pickup else province,
        postal_code="" if pickup else postal,
        subtotal_idr=subtotal,
        shipping_idr=shipping,
        total_idr=subtotal + shipping,
        locale="en" if name == "Sarah Collins" else "id",
        gateway="test",
        payment_reference=f"demo_pay_{n:04d}",
        paid_at=paid_at,
        created_at=paid_at - timedelta(minutes=4),
        lines=lines,
    )
    db.session.add(order)
    db.session.flush()
    _history(order, paid_at, days_ago, pickup)
    record_sale(order, posted_at=paid_at)
    return order


def _line(product: Product) -> OrderLine:
    quantity = 1
    if not product.is_made_to_order:
        product.stock -= quantity
    return OrderLine(
        product_id=product.id,
        maker_id=product.maker_id,
        title=product.title_id,
        maker_name=product.maker.public_name,
        unit_price_idr=product.price_idr,
        quantity=quantity,
        line_total_idr=product.price_idr * quantity,
        plastic_grams=product.plastic_grams,
        is_made_to_order=product.is_made_to_order,
    )


def _history(order: Order, paid_at: datetime, days_ago: int, pickup: bool) -> None:
    """Placed -> paid, then as far along fulfilment as the order's age allows."""
    steps = [OrderStatus.PAID]
    if pickup:
        steps += [OrderStatus.READY_FOR_PICKUP] + ([OrderStatus.PICKED_UP] if days_ago > 10 else [])
    else:
        steps += list(FULFILMENT[: 1 + min(days_ago // 5, 2)]) if days_ago > 2 else []
    previous = OrderStatus.PENDING_PAYMENT
    for index, status in enumerate(steps):
        at = paid_at + timedelta(days=index * 2)
        order.history.append(
            OrderStatusChange(from_status=previous, to_status=status, created_at=at)
        )
        previous = status
    order.status = previous  # a demo order built with its past, not a live status change
    if previous in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order.courier, order.tracking_number = "JNE", f"JN{order.id:010d}"


def _refund_one(orders: list[Order]) -> None:
    """One customer got half her money back for a damaged strap: a partial, proportional refund."""
    order = next(o for o in orders if len(o.lines) == 1 and o.status == OrderStatus.DELIVERED)
    record_refund(order, order.lines[0].line_total_idr // 2, f"demo_refund_{order.id}")
    db.session.commit()


def _payouts(now: datetime) -> None:
    """The programme paid out most of what the first makers had earned, by e-wallet or cash."""
    makers = db.session.scalars(select(Maker).order_by(Maker.id).limit(8))
    for index, maker in enumerate(makers):
        owed = maker_balance(maker.id)
        if owed < 50_000:
            continue
        cash = index % 3 == 2
        record_payout(
            maker,
            (owed * 3 // 4) // 1_000 * 1_000,
            paid_on=(now - timedelta(days=20)).date(),
            method=PayoutMethod.CASH if cash else PayoutMethod.EWALLET,
            provider="" if cash else ("GoPay", "OVO", "DANA")[index % 3],
            reference="" if cash else f"DEMO-{maker.id:03d}",
            note="Demo payout",
        )
