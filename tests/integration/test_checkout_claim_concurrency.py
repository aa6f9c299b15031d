"""Two tabs of one cart press "Place order" at the same moment (issue 10): through a served app,
with each request in its own database session, exactly one order is placed and holds stock; every
tab lands on that order's pay page."""

import threading
import time

import requests

from storefront.catalog.models import Product
from storefront.checkout import services
from storefront.extensions import db
from storefront.orders.models import Order
from tests.factories import CHECKOUT_FORM, make_product
from tests.races import serve

TABS = 4


def slow_checkout(monkeypatch) -> None:
    """Hold each placement open a moment after it read the cart, so the tabs truly overlap."""
    real = services._checked_lines

    def slow(cart, locale):
        views = real(cart, locale)
        time.sleep(0.3)
        return views

    monkeypatch.setattr(services, "_checked_lines", slow)


def post_together(base: str, cookies, count: int) -> list[requests.Response]:
    start = threading.Barrier(count)
    results: list[requests.Response] = [None] * count  # type: ignore[list-item]

    def tab(i: int) -> None:
        session = requests.Session()  # one browser, several tabs: the same cart cookie
        session.cookies.update(cookies)
        start.wait()
        results[i] = session.post(
            f"{base}/checkout",
            data={**CHECKOUT_FORM, "idempotency_key": f"tab-{i:02d}-key-0123456789abcdef"},
            allow_redirects=False,
            timeout=60,
        )

    threads = [threading.Thread(target=tab, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_tabs_of_one_cart_checking_out_at_once_make_one_order(app, monkeypatch):
    product = make_product(stock=10)
    product_id = product.id
    slow_checkout(monkeypatch)
    server, thread, base = serve(app)
    try:
        browser = requests.Session()
        added = browser.post(
            f"{base}/cart/add",
            data={"product_id": product_id, "quantity": "2"},
            allow_redirects=False,
        )
        assert added.status_code == 302
        results = post_together(base, browser.cookies, TABS)
    finally:
        server.shutdown()
        thread.join(timeout=5)

    db.session.expire_all()
    placed = db.session.scalars(db.select(Order)).all()
    assert len(placed) == 1, [r.status_code for r in results]
    assert [r.status_code for r in results] == [302] * TABS
    assert {r.headers["Location"] for r in results} == {f"/pay/{placed[0].token}"}
    assert db.session.scalar(db.select(Product.stock).where(Product.id == product_id)) == 8
