"""A buyer on a phone pays by QRIS (Midtrans, the fake of tests/fake_midtrans.py): she chooses
QRIS, sees the QR drawn on the page and the deadline, the fake gateway settles it and notifies
the served app, and the order page turns to paid by itself (no reload)."""

import pytest
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from tests import midtrans_fixtures
from tests.midtrans_fixtures import NOTIFICATION_PATH, place_order_for

_midtrans_server = midtrans_fixtures._midtrans_server
fake_midtrans = midtrans_fixtures.fake_midtrans
midtrans_config = midtrans_fixtures.midtrans_config


@pytest.fixture
def midtrans_shop(midtrans_config, live_server, fake_midtrans):
    fake_midtrans.notification_url = live_server + NOTIFICATION_PATH
    return live_server


def _order(order: Order) -> Order:
    db.session.rollback()
    return db.session.get(Order, order.id)


def test_buyer_pays_by_qris_and_the_order_page_turns_paid_by_itself(
    midtrans_shop, fake_midtrans, new_page
):
    order = place_order_for(150_000)
    page = new_page(locale="en-US")  # the phone viewport, 360x740
    page.context.add_cookies([{"name": "lang", "value": "en", "url": midtrans_shop}])
    page.goto(f"{midtrans_shop}/pay/{order.token}")
    page.get_by_label("QRIS (any banking or e-wallet app)").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#qris-code svg")).to_be_visible(timeout=30_000)
    expect(page.locator("#pay-deadline")).to_contain_text("WIB")
    box = page.locator("#qris-code svg").bounding_box()
    assert box is not None and box["width"] <= 360  # fits the phone
    reference = _order(order).payment_reference
    assert reference and fake_midtrans.transactions[reference]["payment_type"] == "qris"

    page.goto(f"{midtrans_shop}/orders/{order.token}")
    expect(page.locator("#order-status")).to_have_text("Waiting for payment", timeout=30_000)
    expect(page.locator("#pay-deadline")).to_contain_text("WIB")
    url_before = page.url
    assert fake_midtrans.trigger(reference, "settlement") == [200]
    expect(page.locator("#order-status")).to_have_text("Paid", timeout=60_000)
    expect(page.locator(".how-to-pay")).to_be_hidden()
    assert page.url == url_before
    assert _order(order).status == OrderStatus.PAID
