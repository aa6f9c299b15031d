"""Twenty buyers race for the last unit through a served app: one order reserves it, the others
are told it is sold out with their carts intact, and stock never goes below zero."""

from storefront.cart.models import CartLine
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.orders.models import Order
from tests.factories import make_product
from tests.races import race_to_checkout, winners_and_losers

BUYERS = 20


def test_twenty_buyers_racing_for_the_last_unit_make_exactly_one_order(app):
    product = make_product(stock=1, title_id="Tas Terakhir")
    product_id = product.id
    results = race_to_checkout(
        app,
        BUYERS,
        {"product_id": product_id, "quantity": "1"},
        lambda i: {"idempotency_key": f"buyer-{i:02d}-key-0123456789"},
    )

    winners, losers = winners_and_losers(results)
    assert len(winners) == 1, [r.status_code for r in results]
    assert len(losers) == BUYERS - 1
    assert all("sold out" in r.text for r in losers)
    db.session.expire_all()
    assert db.session.scalar(db.select(Product.stock).where(Product.id == product_id)) == 0
    assert db.session.scalar(db.select(db.func.count(Order.id))) == 1
    # Every loser still has the product in her cart.
    assert db.session.scalar(db.select(db.func.count(CartLine.id))) == BUYERS - 1
