"""Paying on the Stripe pay page in chromium, with localstripe's Stripe.js stand-in (its card
element is plain inputs) and its signed webhooks delivered to the served app."""

import pytest
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from tests import stripe_fixtures
from tests.stripe_fixtures import place_stripe_order, webhook_to

# The shared Stripe fixtures, made visible to this module.
localstripe = stripe_fixtures.localstripe
stripe_config = stripe_fixtures.stripe_config


@pytest.fixture
def stripe_shop(stripe_config, live_server, localstripe):
    with webhook_to(localstripe, live_server):
        yield live_server


def _fill_card(page, number: str) -> None:
    element = page.locator("#card-element")
    element.get_by_placeholder("number").fill(number)
    element.get_by_placeholder("exp_month").fill("12")
    element.get_by_placeholder("exp_year").fill("30")
    element.get_by_placeholder("cvc").fill("123")
    element.get_by_placeholder("postal_code").fill("14450")


def _status(order: Order) -> str:
    db.session.rollback()
    return db.session.get(Order, order.id).status


def test_guest_pays_two_products_by_card_and_sees_the_order_paid(stripe_shop, new_page):
    order = place_stripe_order(150_000, 85_000)
    page = new_page(locale="en-US")
    page.context.add_cookies([{"name": "lang", "value": "en", "url": stripe_shop}])
    page.goto(f"{stripe_shop}/pay/{order.token}")
    _fill_card(page, "4242424242424242")
    page.get_by_role("button", name="Pay Rp235.000").click()
    page.wait_for_url(f"**/orders/{order.token}")
    expect(page.locator("#order-status")).to_have_text("Paid")
    assert _status(order) == OrderStatus.PAID


def test_3d_secure_card_is_authenticated_on_the_page_then_paid(stripe_shop, page):
    order = place_stripe_order(150_000)
    page.goto(f"{stripe_shop}/pay/{order.token}")
    _fill_card(page, "4000002500003155")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url(f"**/orders/{order.token}")
    assert _status(order) == OrderStatus.PAID


def test_declined_card_shows_a_message_and_keeps_the_order_pending(stripe_shop, page):
    order = place_stripe_order(150_000)
    page.goto(f"{stripe_shop}/pay/{order.token}")
    _fill_card(page, "4000000000000341")
    page.locator("#pay-button").click()
    expect(page.locator("#card-errors")).to_be_visible()
    expect(page.locator("#pay-button")).to_be_enabled()
    assert _status(order) == OrderStatus.PENDING_PAYMENT


def test_pay_page_loads_stripe_js_without_csp_violations(stripe_shop, page):
    order = place_stripe_order(150_000)
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security" in msg.text else None,
    )
    page.goto(f"{stripe_shop}/pay/{order.token}")
    expect(page.locator("#card-element input")).to_have_count(5)
    assert violations == []
