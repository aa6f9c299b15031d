"""On a 360x740 phone: a checkout from abroad, the maker's money view (no sideways scrolling,
figures on the chart), and axe-core on every page the buyers' fixes touched."""

from datetime import date

import pytest
from playwright.sync_api import expect

from storefront.auth.models import Role
from storefront.earnings import services
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.browser.test_earnings_flow import _sign_in
from tests.factories import make_category, make_maker, make_product, make_sold_order, make_user


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("document.documentElement.clientWidth"), width


def _axe_clean(page) -> None:
    violations = serious_accessibility_violations(page)
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]


def test_a_buyer_in_london_checks_out_on_her_phone(app, live_server, new_page):
    page = new_page(locale="en-GB")
    product = make_product(maker=make_maker(full_name="Siti Aminah"), title_id="Tas Pantai")
    page.goto(f"{live_server}/products/{product.slug}")
    page.locator("form.buy-box button[type=submit]").click()
    page.goto(f"{live_server}/checkout")

    page.get_by_label("Your name").fill("Emma Buyer")
    page.get_by_label("Email").fill("emma@example.co.uk")
    page.get_by_label("Country").select_option("GB")
    expect(page.get_by_label("Province")).to_be_hidden()  # no Indonesian province abroad
    page.get_by_label("Mobile number (WhatsApp)").fill("07911 123456")
    page.get_by_label("Street and house number").fill("12 Baker Street")
    page.get_by_label("City or regency").fill("London")
    page.get_by_label("Postal code").fill("NW1 6XE")
    fee = app.config["SHIPPING_ABROAD"]["*"]
    expect(page.locator("#shipping-fee")).to_have_text(f"Rp{fee:,}".replace(",", "."))
    _no_sideways_scroll(page)
    _axe_clean(page)
    screenshot(page, "checkout-abroad-phone")
    page.locator("#place-order").click()

    page.get_by_role("button", name="Pay (success)").click()
    expect(page.locator("#order-status")).to_have_text("Paid")
    expect(page.get_by_text("London, NW1 6XE, United Kingdom")).to_be_visible()
    _axe_clean(page)
    order = db.session.scalar(db.select(Order))
    assert (order.country, order.phone, order.status) == ("GB", "+447911123456", OrderStatus.PAID)
    assert order.shipping_idr == fee


def test_the_makers_money_view_fits_a_phone_with_figures_on_the_chart(live_server, new_page):
    siti = make_maker(with_user=True, full_name="Siti Aminah")
    for title in ("Tas Pasar Biru Panjang Sekali Namanya", "Dompet Kecil"):
        make_sold_order([(siti, 150_000, 3, title)])
    services.record_payout(siti, 100_000, paid_on=date.today(), method="ewallet", provider="GoPay")
    page = new_page()
    _sign_in(page, live_server, siti.user.email)
    page.goto(live_server + "/maker/")
    card = page.locator(".sale-row", has_text="Dompet Kecil")
    card.scroll_into_view_if_needed()
    for figure in ("Rp405.000", "Rp150.000", "3"):  # for her, the price, the quantity
        expect(card.get_by_text(figure, exact=True)).to_be_in_viewport()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    for fact in card.locator("dd, strong").all():  # no figure spills out of its card
        inner = fact.bounding_box()
        assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
    expect(page.locator(".chart .bar-figure")).to_have_text(["810\u00a0rb"])
    expect(page.locator(".chart .bar-figure")).to_be_visible()
    _no_sideways_scroll(page)
    _axe_clean(page)
    screenshot(page, "maker-money-phone")


@pytest.fixture
def touched_pages():
    """A listing, a maker with a chosen name, a paid order: the pages this work changed."""
    bags = make_category(name_id="Tas Bahu", name_en="Shoulder bags")
    siti = make_maker(with_user=True, full_name="Siti Rahayu", slug="siti")
    product = make_product(siti, bags, title_id="Tas Biru Laut", description_id="Biru.")
    order = make_sold_order([(siti, 150_000, 1, "Tas Biru Laut")])
    return {"maker": siti, "product": product, "order": order, "admin": make_user(Role.ADMIN)}


def test_every_touched_page_has_no_serious_accessibility_violation(
    live_server, new_page, touched_pages
):
    maker, product, order = touched_pages["maker"], touched_pages["product"], touched_pages["order"]
    public = new_page()
    for path in (
        "/impact",
        "/products?q=tas+biru",
        "/products?q=tas+birru",
        f"/makers/{maker.slug}",
        f"/orders/{order.token}",
    ):
        public.goto(live_server + path)
        _no_sideways_scroll(public)
        _axe_clean(public)
    own = new_page()
    _sign_in(own, live_server, maker.user.email)
    for path in ("/maker/", "/maker/privacy", f"/maker/listings/{product.id}/edit"):
        own.goto(live_server + path)
        _axe_clean(own)
    admin = new_page()
    _sign_in(admin, live_server, touched_pages["admin"].email)
    for path in (
        f"/admin/listings/{product.id}",
        f"/admin/orders/{order.id}",
        f"/admin/makers/{maker.id}/privacy",
        f"/admin/makers/{maker.id}/fee",
    ):
        admin.goto(live_server + path)
        assert admin.locator("main").count() == 1, path
        _axe_clean(admin)
