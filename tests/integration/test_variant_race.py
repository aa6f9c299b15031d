"""Buyers race for the last unit of one option through a served app: one order reserves it, the
others are told it is sold out; neither the option's nor the product's stock goes below zero, and
the product's other option is untouched."""

import threading

import requests

from storefront.catalog.models import Product, ProductVariant
from storefront.extensions import db
from storefront.listings.variants import add_variant
from storefront.orders.models import Order
from tests.factories import CHECKOUT_FORM, make_product
from tests.integration.test_concurrency import serve

BUYERS = 8


def test_buyers_racing_for_the_last_unit_of_an_option_make_one_order(app):
    product = make_product(stock=0, price_idr=120_000)
    last = add_variant(product, colour="Merah", size="", stock=1)
    other = add_variant(product, colour="Biru", size="", stock=5)
    product_id, last_id, other_id = product.id, last.id, other.id
    server, thread, base = serve(app)
    try:
        sessions = [requests.Session() for _ in range(BUYERS)]
        for session in sessions:
            session.headers["Accept-Language"] = "en"
            added = session.post(
                f"{base}/cart/add",
                data={"product_id": product_id, "variant_id": last_id, "quantity": "1"},
                allow_redirects=False,
            )
            assert added.status_code == 302
        start = threading.Barrier(BUYERS)
        results: list[requests.Response] = [None] * BUYERS  # type: ignore[list-item]

        def buy(i: int) -> None:
            start.wait()
            results[i] = sessions[i].post(
                f"{base}/checkout",
                data={**CHECKOUT_FORM, "idempotency_key": f"variant-buyer-{i:02d}-0123456789"},
                allow_redirects=False,
                timeout=60,
            )

        threads = [threading.Thread(target=buy, args=(i,)) for i in range(BUYERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.shutdown()
        thread.join(timeout=5)

    winners = [r for r in results if r.status_code == 302 and "/pay/" in r.headers["Location"]]
    losers = [r for r in results if r.status_code == 409]
    assert len(winners) == 1, [r.status_code for r in results]
    assert len(losers) == BUYERS - 1
    assert all("sold out" in r.text for r in losers)
    db.session.expire_all()
    assert db.session.get(ProductVariant, last_id).stock == 0
    assert db.session.get(ProductVariant, other_id).stock == 5
    assert db.session.get(Product, product_id).stock == 5
    order = db.session.scalars(db.select(Order)).one()
    assert [line.variant_id for line in order.lines] == [last_id]
