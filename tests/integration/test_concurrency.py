"""Twenty buyers race for the last unit through a served app: one order reserves it, the others
are told it is sold out with their carts intact, and stock never goes below zero."""

import threading

import requests
from werkzeug.serving import make_server

from storefront.cart.models import CartLine
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.orders.models import Order
from tests.factories import CHECKOUT_FORM, make_product

BUYERS = 20


def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_port}"


def test_twenty_buyers_racing_for_the_last_unit_make_exactly_one_order(app):
    product = make_product(stock=1, title_id="Tas Terakhir")
    product_id = product.id
    server, thread, base = serve(app)
    try:
        sessions = [requests.Session() for _ in range(BUYERS)]
        for session in sessions:
            session.headers["Accept-Language"] = "en"
        for session in sessions:
            added = session.post(
                f"{base}/cart/add",
                data={"product_id": product_id, "quantity": "1"},
                allow_redirects=False,
            )
            assert added.status_code == 302
        start = threading.Barrier(BUYERS)
        results: list[requests.Response] = [None] * BUYERS  # type: ignore[list-item]

        def buy(i: int) -> None:
            start.wait()
            results[i] = sessions[i].post(
                f"{base}/checkout",
                data={**CHECKOUT_FORM, "idempotency_key": f"buyer-{i:02d}-key-0123456789"},
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
    assert db.session.scalar(db.select(Product.stock).where(Product.id == product_id)) == 0
    assert db.session.scalar(db.select(db.func.count(Order.id))) == 1
    # Every loser still has the product in her cart.
    assert db.session.scalar(db.select(db.func.count(CartLine.id))) == BUYERS - 1
