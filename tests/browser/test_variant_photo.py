"""On a phone, choosing an option with a photo shows that photo as the product's main image
(static/js/variant-photo.js); without JavaScript the page still sells every option. A new option
with a price difference waits for review: the maker's and the admin's pages pass axe too."""

import pytest
from playwright.sync_api import expect

from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.listings.variants import add_variant
from tests.browser.conftest import PHONE, screenshot, serious_accessibility_violations
from tests.browser.test_listing_flow import sign_in
from tests.factories import make_maker, make_product, make_user, make_variant


@pytest.fixture
def bag() -> Product:
    product = make_product(
        make_maker(with_user=True), slug="tas-tiga-warna", title_id="Tas Tiga Warna", photos=3
    )
    _cover, second, third = product.photos
    make_variant(product, colour="Merah", stock=2)  # no photo of its own
    make_variant(product, colour="Biru", stock=2, photo_id=third.id, price_delta_idr=10_000)
    make_variant(product, colour="Hijau", stock=2, photo_id=second.id)
    return product


def _key(product: Product, index: int) -> str:
    db.session.expire_all()
    return db.session.get(Product, product.id).photos[index].key


def test_choosing_an_option_shows_its_photo_as_the_main_image(live_server, page, bag):
    page.goto(f"{live_server}/products/{bag.slug}")
    main = page.locator(".gallery figure").first.locator("img")
    first, second, third = (_key(bag, i) for i in range(3))
    assert first in main.get_attribute("src")

    page.get_by_label("Biru", exact=False).check()
    expect(main).to_have_attribute("src", f"/media/{third}-400.webp")
    # Each photo is still shown once: the main one took the chosen photo's place.
    sources = [img.get_attribute("src") for img in page.locator(".gallery img").all()]
    assert sorted(sources) == sorted(f"/media/{key}-400.webp" for key in (first, second, third))
    screenshot(page, "variant-photo-phone")

    page.get_by_label("Hijau", exact=False).check()
    expect(main).to_have_attribute("src", f"/media/{second}-400.webp")
    page.get_by_label("Merah", exact=False).check()  # no photo: the product's own comes back
    expect(main).to_have_attribute("src", f"/media/{first}-400.webp")
    page.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Biru", exact=False).check()
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    expect(page.locator(".cart-line-title")).to_contain_text("Biru")


def test_without_javascript_every_option_can_still_be_bought(live_server, browser, bag):
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/products/{bag.slug}")
        expect(page.locator(".variant-photo")).to_have_count(2)  # the photo links still work
        page.get_by_label("Biru", exact=False).check()
        page.get_by_role("button", name="Masukkan ke keranjang").click()
        expect(page.locator(".cart-line-title")).to_contain_text("Biru")
    finally:
        context.close()


def test_an_option_waiting_for_review_on_the_makers_and_admins_pages(live_server, new_page, bag):
    add_variant(bag, colour="Ungu", size="", stock=1, price_delta_idr=30_000)
    maker_email = bag.maker.user.email
    maker = new_page()
    sign_in(maker, live_server, maker_email)
    maker.goto(f"{live_server}/maker/listings/{bag.id}/variants")
    expect(maker.locator(".variant-stock li").last).to_contain_text("Menunggu")
    assert serious_accessibility_violations(maker) == []

    admin = new_page()
    sign_in(admin, live_server, make_user("admin").email)
    admin.goto(f"{live_server}/admin/listings/{bag.id}")
    expect(admin.locator(".waiting-option")).to_contain_text("Ungu")
    admin.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)
    assert serious_accessibility_violations(admin) == []
    admin.locator(".waiting-option form[action$='/approve'] button").click()
    expect(admin.locator(".flash-success")).to_be_visible()
    expect(admin.locator(".waiting-option")).to_have_count(0)
