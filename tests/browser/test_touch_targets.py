"""Bug 15: the pay page's and the admin review page's buttons are touch-sized on a phone (at
least 44 px high, and apart enough not to hit the neighbour)."""

from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.browser.test_listing_flow import sign_in
from tests.factories import cart_add, checkout_post, latest_order, make_product, make_user

TARGETS = "main button, main .button, main input[type=submit], main .link-button"
FIELDS = "main textarea, main select, main input:not([type=hidden])"


def _check_touch_targets(page) -> None:
    boxes = [
        (el.evaluate("e => e.outerHTML.slice(0, 80)"), el.bounding_box())
        for el in page.locator(TARGETS).all()
        if el.is_visible()
    ]
    assert boxes
    for html, box in boxes:
        assert box["height"] >= 44 and box["width"] >= 44, (html, box)
    fields = [
        (el.evaluate("e => e.outerHTML.slice(0, 80)"), el.bounding_box())
        for el in page.locator(FIELDS).all()
        if el.is_visible()
    ]
    for i, (html_a, a) in enumerate(boxes):
        for html_b, b in boxes[i + 1 :] + fields:
            apart_x = a["x"] + a["width"] + 8 <= b["x"] or b["x"] + b["width"] + 8 <= a["x"]
            apart_y = a["y"] + a["height"] + 8 <= b["y"] or b["y"] + b["height"] + 8 <= a["y"]
            assert apart_x or apart_y, (html_a, html_b)


def test_pay_page_buttons_are_touch_sized(live_server, page, app):
    from flask.testing import FlaskClient

    client: FlaskClient = app.test_client()
    app.config["WTF_CSRF_ENABLED"] = False  # the order is placed outside the browser
    cart_add(client, make_product())
    checkout_post(client)
    app.config["WTF_CSRF_ENABLED"] = True
    order = latest_order()
    page.goto(f"{live_server}/pay/{order.token}")
    screenshot(page, "pay-phone")
    _check_touch_targets(page)
    assert serious_accessibility_violations(page) == []


def test_admin_review_page_buttons_are_touch_sized(live_server, page):
    product = make_product(status="pending")
    sign_in(page, live_server, make_user("admin").email)
    page.goto(f"{live_server}/admin/listings/{product.id}")
    screenshot(page, "admin-review-phone")
    _check_touch_targets(page)
    assert serious_accessibility_violations(page) == []
