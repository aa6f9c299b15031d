"""A reserved product's card on a 360 px phone: the badge says when it may be back, fits its card,
and the page has no serious accessibility violation."""

from datetime import timedelta

import pytest

from storefront.database import utcnow
from storefront.extensions import db
from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.factories import cart_add, checkout_post, latest_order, make_maker, make_product


@pytest.fixture
def reserved(app):
    """Before the server starts (it turns CSRF on): another buyer holds the one piece."""
    maker = make_maker()
    make_product(maker, stock=0, title_id="Tas Habis")
    held = make_product(maker, stock=1, title_id="Tas Dipesan")
    buyer = app.test_client()
    cart_add(buyer, held)
    checkout_post(buyer)
    order = latest_order()
    order.reserved_until = utcnow().replace(hour=5, minute=30) + timedelta(days=1)
    db.session.commit()


def test_a_reserved_card_on_a_phone(reserved, live_server, page):
    page.goto(live_server + "/products")
    badge = page.locator(".product-card .badge-reserved")
    assert badge.inner_text() == "Dipesan orang lain, mungkin tersedia lagi pukul 12.30 WIB"
    card = page.locator(".product-card", has=page.locator(".badge-reserved")).bounding_box()
    box = badge.bounding_box()
    assert box["x"] >= card["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".product-card .badge-out").inner_text() == "Habis"
    screenshot(page, "catalog-reserved-card-phone")
    assert serious_accessibility_violations(page) == []
