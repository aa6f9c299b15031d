"""The dashboard and the payout pages run a constant number of queries, however many sales."""

import secrets

from storefront.earnings.services import record_sale
from storefront.extensions import db
from storefront.orders.models import Order, OrderLine
from tests.factories import make_maker, make_user


def _sell(maker, count: int) -> None:
    """`count` paid orders of two lines each, posted straight to the ledger (fast, one commit)."""
    other = make_maker()
    for n in range(count):
        order = Order(
            number=f"Q{maker.id}-{n}",
            token=secrets.token_hex(16),
            status="paid",
            contact_name="B",
            email="b@example.com",
            phone="0812",
            subtotal_idr=30_000,
            shipping_idr=0,
            total_idr=30_000,
        )
        order.lines = [
            OrderLine(
                maker_id=maker.id,
                title=f"Tas {n}",
                maker_name="S",
                unit_price_idr=10_000,
                quantity=2,
                line_total_idr=20_000,
            ),
            OrderLine(
                maker_id=other.id,
                title="X",
                maker_name="O",
                unit_price_idr=10_000,
                quantity=1,
                line_total_idr=10_000,
            ),
        ]
        db.session.add(order)
        db.session.flush()
        record_sale(order)
    db.session.commit()


def _count(client, count_queries, url: str) -> int:
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_dashboard_query_count_does_not_grow_with_sales(client, login_as, count_queries, app):
    few, many = make_maker(with_user=True), make_maker(with_user=True)
    _sell(few, 10)
    _sell(many, 1000)
    login_as(few.user)
    with_few = _count(client, count_queries, "/maker/")
    login_as(many.user)
    assert _count(client, count_queries, "/maker/") == with_few


def test_statement_query_count_does_not_grow_with_sales(client, login_as, count_queries, app):
    few, many = make_maker(with_user=True), make_maker(with_user=True)
    _sell(few, 10)
    _sell(many, 1000)
    login_as(few.user)
    with_few = _count(client, count_queries, "/maker/statement.csv")
    login_as(many.user)
    assert _count(client, count_queries, "/maker/statement.csv") == with_few


def test_payouts_page_query_count_does_not_grow_with_makers(client, login_as, count_queries, app):
    maker = make_maker()
    _sell(maker, 3)
    login_as(make_user("admin"))
    with_few = _count(client, count_queries, "/admin/payouts/")
    for _ in range(20):
        _sell(make_maker(), 2)
    assert _count(client, count_queries, "/admin/payouts/") == with_few
