"""Bug 13: on a 360x740 phone the catalog's filters fold behind one button and the first
products are on the first screen; on a desktop the filters are open."""

from playwright.sync_api import expect

from tests.browser.conftest import serious_accessibility_violations
from tests.factories import make_category, make_maker, make_product


def _shop():
    category = make_category(slug="tas-jinjing", name_id="Tas Jinjing", name_en="Tote bags")
    maker = make_maker(slug="siti-rahayu", full_name="Siti Rahayu")
    for n in range(6):
        make_product(maker, category, title_id=f"Tas {n}", price_idr=100_000 + n)


def test_first_products_are_above_the_fold_on_a_phone(live_server, page):
    _shop()
    page.goto(live_server + "/products")
    toggle = page.locator("summary.filters-toggle")
    expect(toggle).to_be_visible()
    expect(page.get_by_label("Kategori")).to_be_hidden()
    first = page.locator(".product-card").first
    box = first.bounding_box()
    assert box is not None and box["y"] + 0.5 * box["height"] < 740, box
    image = page.locator(".product-card img").first.bounding_box()
    assert image is not None and image["y"] < 740
    toggle.click()
    expect(page.get_by_label("Kategori")).to_be_visible()
    page.get_by_label("Kategori").select_option("tas-jinjing")
    page.get_by_role("button", name="Tampilkan produk").click()
    page.wait_for_url("**/products?*category=tas-jinjing*")
    expect(page.locator("summary.filters-toggle")).to_contain_text("1")  # one filter on
    assert serious_accessibility_violations(page) == []


def test_filters_are_open_on_a_desktop(live_server, new_page):
    _shop()
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(live_server + "/products")
    expect(page.get_by_label("Kategori")).to_be_visible()
