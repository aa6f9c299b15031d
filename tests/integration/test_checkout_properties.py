"""Property: whatever the order of adds, removes, checkouts, payments, replayed or reordered
events and expiries, stock is never negative, stock + reserved + sold equals what there was, and
every order's total is the sum of its lines plus shipping."""

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storefront.cart.services import add_to_cart, new_cart, remove_line
from storefront.catalog.models import Product
from storefront.checkout.services import place_order
from storefront.database import utcnow
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders.models import PAID_STATUSES, Order, OrderStatus
from storefront.payments.expiry import release_expired
from storefront.payments.test_gateway import TestGateway
from storefront.payments.webhooks import process_event
from tests.factories import make_maker, make_product

BUYERS = 3
KINDS = ["payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled"]
CONTACT = {
    "contact_name": "Rina",
    "email": "rina@example.com",
    "phone": "+6281234567890",
    "delivery_method": "pickup",
}
_keys = itertools.count()

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, BUYERS - 1), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("remove"), st.integers(0, BUYERS - 1), st.integers(0, 2)),
    st.tuples(st.just("checkout"), st.integers(0, BUYERS - 1)),
    st.tuples(st.just("event"), st.integers(0, 5), st.sampled_from(KINDS)),
    st.tuples(st.just("replay"), st.integers(0, 10)),
    st.tuples(st.just("expire"), st.integers(0, 5)),
)


class Shop:
    def __init__(self, stocks: list[int]) -> None:
        maker = make_maker()
        self.products = [
            make_product(maker=maker, stock=s, photos=0, price_idr=10_000 * (i + 1))
            for i, s in enumerate(stocks)
        ]
        self.initial = {p.id: p.stock for p in self.products}
        self.carts = [new_cart() for _ in range(BUYERS)]
        db.session.commit()
        self.orders: list[Order] = []
        self.events = []
        self.gateway = TestGateway()

    def run(self, op: tuple) -> None:
        try:
            getattr(self, op[0])(*op[1:])
        except DomainError:
            db.session.rollback()

    def add(self, buyer: int, product: int, quantity: int) -> None:
        add_to_cart(self.carts[buyer], self.products[product].id, str(quantity))

    def remove(self, buyer: int, product: int) -> None:
        cart = self.carts[buyer]
        line = next((x for x in cart.lines if x.product_id == self.products[product].id), None)
        if line is not None:
            remove_line(cart, line.id)

    def checkout(self, buyer: int) -> None:
        key = f"property-key-{next(_keys):08d}"
        order = place_order(self.carts[buyer], dict(CONTACT), self.gateway, idempotency_key=key)
        self.orders.append(order)

    def event(self, index: int, kind: str) -> None:
        if not self.orders:
            return
        order = self.orders[index % len(self.orders)]
        gateway_event = TestGateway.event(
            kind, reference=order.payment_reference, order_id=order.id, amount_idr=order.total_idr
        )
        self.events.append(gateway_event)
        process_event(gateway_event)

    def replay(self, index: int) -> None:
        if self.events:
            process_event(self.events[index % len(self.events)])

    def expire(self, index: int) -> None:
        if not self.orders:
            return
        order = self.orders[index % len(self.orders)]
        if order.status == OrderStatus.PENDING_PAYMENT:
            order.reserved_until = utcnow() - timedelta(seconds=1)
            db.session.commit()
        release_expired(utcnow())

    def check(self) -> None:
        db.session.expire_all()
        held = {pid: 0 for pid in self.initial}
        for order in self.orders:
            assert (
                order.total_idr == sum(x.line_total_idr for x in order.lines) + order.shipping_idr
            )
            for line in order.lines:
                assert line.line_total_idr == line.unit_price_idr * line.quantity
                if order.status == OrderStatus.PENDING_PAYMENT or order.status in PAID_STATUSES:
                    held[line.product_id] += line.quantity
        for product_id, initial in self.initial.items():
            stock = db.session.get(Product, product_id).stock
            assert stock >= 0
            assert stock + held[product_id] == initial


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stocks=st.lists(st.integers(0, 3), min_size=3, max_size=3),
    ops=st.lists(operation, max_size=25),
)
def test_stock_is_never_oversold_whatever_the_sequence(app, stocks, ops):
    with app.test_request_context():
        shop = Shop(stocks)
        for op in ops:
            shop.run(op)
            shop.check()
