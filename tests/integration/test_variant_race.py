"""Buyers race for the last unit of one option through a served app: one order reserves it, the
others are told it is sold out; neither the option's nor the product's stock goes below zero, and
the product's other option is untouched."""

from storefront.catalog.models import Product, ProductVariant
from storefront.extensions import db
from storefront.listings.variants import add_variant
from storefront.orders.models import Order
from tests.factories import make_product
from tests.races import race_to_checkout, winners_and_losers

BUYERS = 8


def test_buyers_racing_for_the_last_unit_of_an_option_make_one_order(app):
    product = make_product(stock=0, price_idr=120_000)
    last = add_variant(product, colour="Merah", size="", stock=1)
    other = add_variant(product, colour="Biru", size="", stock=5)
    product_id, last_id, other_id = product.id, last.id, other.id
    results = race_to_checkout(
        app,
        BUYERS,
        {"product_id": product_id, "variant_id": last_id, "quantity": "1"},
        lambda i: {"idempotency_key": f"variant-buyer-{i:02d}-0123456789"},
    )

    winners, losers = winners_and_losers(results)
    assert len(winners) == 1, [r.status_code for r in results]
    assert len(losers) == BUYERS - 1
    assert all("sold out" in r.text for r in losers)
    db.session.expire_all()
    assert db.session.get(ProductVariant, last_id).stock == 0
    assert db.session.get(ProductVariant, other_id).stock == 5
    assert db.session.get(Product, product_id).stock == 5
    order = db.session.scalars(db.select(Order)).one()
    assert [line.variant_id for line in order.lines] == [last_id]
