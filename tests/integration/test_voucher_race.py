"""Buyers race for a voucher code's one use left through a served app: exactly one order gets the
discount; the others are told the code is used up and keep their carts."""

import threading

import requests

from storefront.cart.models import CartLine
from storefront.extensions import db
from storefront.orders.models import Order
from storefront.vouchers.models import Voucher, VoucherRedemption
from tests.factories import CHECKOUT_FORM, make_product, make_voucher
from tests.integration.test_concurrency import serve

BUYERS = 8


def test_buyers_racing_for_the_last_use_of_a_code_get_one_discount(app):
    product = make_product(stock=BUYERS, price_idr=100_000)
    product_id = product.id
    make_voucher("LASTONE", percent=50, max_uses=3, used_count=2)
    server, thread, base = serve(app)
    try:
        sessions = [requests.Session() for _ in range(BUYERS)]
        for session in sessions:
            session.headers["Accept-Language"] = "en"
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
                data={
                    **CHECKOUT_FORM,
                    "email": f"buyer{i}@example.com",
                    "voucher_code": "lastone",
                    "idempotency_key": f"voucher-buyer-{i:02d}-0123456789",
                },
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
    assert all("used up" in r.text for r in losers)
    db.session.expire_all()
    orders = db.session.scalars(db.select(Order)).all()
    assert [(o.discount_idr, o.total_idr) for o in orders] == [(50_000, 50_000 + 15_000)]
    assert db.session.scalar(db.select(Voucher.used_count)) == 3
    assert db.session.scalar(db.select(db.func.count(VoucherRedemption.id))) == 1
    assert db.session.scalar(db.select(db.func.count(CartLine.id))) == BUYERS - 1
