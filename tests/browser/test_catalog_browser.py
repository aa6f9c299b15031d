"""A visitor on a phone: home page, filter the catalog, open a product, follow the maker link."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_accessibility_violations
from tests.factories import make_category, make_maker, make_product


@pytest.fixture
def shop():
    totes = make_category(slug="tas-jinjing", name_id="Tas Jinjing", name_en="Tote bags")
    pouches = make_category(slug="dompet", name_id="Dompet", name_en="Pouches")
    siti = make_maker(slug="siti-rahayu", full_name="Siti Rahayu", specialty_id="Tas jinjing")
    dewi = make_maker(slug="dewi-lestari", full_name="Dewi Lestari")
    make_product(
        siti,
        totes,
        slug="tas-biru-laut",
        title_id="Tas Biru Laut",
        title_en="Sea-blue Tote",
        price_idr=175_000,
        photos=3,
    )
    make_product(
        dewi,
        pouches,
        slug="dompet-kecil",
        title_id="Dompet Kecil",
        title_en="Small Pouch",
        price_idr=45_000,
    )
    make_product(dewi, totes, slug="tas-merah", title_id="Tas Merah", price_idr=120_000)


def test_visitor_filters_the_catalog_opens_a_product_and_meets_its_maker(live_server, page, shop):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=1).is_visible()
    screenshot(page, "home-phone")

    page.get_by_role("link", name="Produk", exact=True).first.click()
    page.locator("summary.filters-toggle").click()  # folded on a phone (bug 13)
    page.get_by_label("Kategori").select_option("tas-jinjing")
    page.get_by_label("Urutkan").select_option("price_desc")
    page.get_by_role("button", name="Tampilkan produk").click()
    page.wait_for_url("**/products?*category=tas-jinjing*")
    assert "sort=price_desc" in page.url
    cards = page.locator(".product-card .card-title")
    expect(cards).to_have_text(["Tas Biru Laut", "Tas Merah"])  # waits for the new page
    screenshot(page, "catalog-filtered-phone")

    page.get_by_role("link", name="Tas Biru Laut").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tas Biru Laut"
    assert "Rp175.000" in page.locator(".price-large").inner_text()
    assert page.locator(".gallery img").count() == 3
    screenshot(page, "product-phone")

    page.get_by_role("link", name="Baca ceritanya").click()
    assert page.url.endswith("/makers/siti-rahayu")
    assert page.get_by_role("heading", level=1).inner_text() == "Siti"
    screenshot(page, "maker-phone")


def test_language_switch_in_the_browser(live_server, page, shop):
    page.goto(live_server + "/products/tas-biru-laut")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sea-blue Tote"
    page.goto(live_server + "/makers")
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_shop_has_no_horizontal_scroll_on_a_360px_phone(live_server, page, shop):
    for path in ("/", "/products", "/products/tas-biru-laut", "/makers/siti-rahayu"):
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


@pytest.mark.parametrize(
    "path", ["/", "/products", "/products/tas-biru-laut", "/makers", "/makers/siti-rahayu"]
)
def test_public_pages_have_no_serious_accessibility_violations(live_server, page, shop, path):
    page.goto(live_server + path)
    violations = serious_accessibility_violations(page)
    assert not violations, [(v["id"], v["help"], len(v["nodes"])) for v in violations]
