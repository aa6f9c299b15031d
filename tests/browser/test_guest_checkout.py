"""A guest on a phone (360x740) buys two bags from two makers with the test gateway and ends on
the order page showing it paid."""

from playwright.sync_api import expect

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from tests.browser.conftest import screenshot
from tests.factories import make_maker, make_product


def test_guest_buys_two_products_from_two_makers_with_the_test_gateway(live_server, new_page):
    page = new_page(locale="en-US")  # English labels: stable whatever the Indonesian wording
    first = make_product(maker=make_maker(full_name="Siti Aminah"), title_id="Tas Pantai", stock=1)
    second = make_product(maker=make_maker(full_name="Dewi Lestari"), title_id="Dompet Kecil")

    for product in (first, second):
        page.goto(f"{live_server}/products/{product.slug}")
        page.locator("form.buy-box button[type=submit]").click()
        expect(page).to_have_url(f"{live_server}/cart")
    expect(page.locator(".cart-line")).to_have_count(2)
    page.locator("a[href='/checkout']").click()

    page.get_by_label("Your name").fill("Rina Pembeli")
    page.get_by_label("Email").fill("rina@example.com")
    page.get_by_label("Mobile number (WhatsApp)").fill("0812 3456 7890")
    page.get_by_label("Street and house number").fill("Jl. Melati 5")
    page.get_by_label("Kelurahan / kecamatan").fill("Kalibaru, Cilincing")
    page.get_by_label("City or regency").fill("Jakarta Utara")
    page.get_by_label("Province").select_option("DKI Jakarta")
    page.get_by_label("Postal code").fill("14110")
    expect(page.locator("#order-total")).to_have_text("Rp315.000")
    page.locator("#place-order").click()

    expect(page.get_by_text("TEST PAYMENT: no money moves.")).to_be_visible()
    page.get_by_role("button", name="Pay (success)").click()

    expect(page).to_have_url(f"{live_server}/orders/" + page.url.rsplit("/", 1)[1])
    expect(page.locator("#order-status")).to_have_text("Paid")
    screenshot(page, "guest_checkout_paid")
    order = db.session.scalar(db.select(Order))
    assert order.status == OrderStatus.PAID
    assert sorted(line.maker_name for line in order.lines) == ["Dewi", "Siti"]
