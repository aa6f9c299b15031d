"""After a purchase the maker sees the sale and her net on a phone; a payout zeroes her balance."""

from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_maker, make_sold_order, make_user


def _sign_in(page, base_url: str, identifier: str) -> None:
    page.goto(base_url + "/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_maker_sees_her_net_and_a_payout_brings_her_balance_to_zero(live_server, new_page):
    siti = make_maker(with_user=True, full_name="Siti Aminah")
    make_sold_order([(siti, 150_000, 1, "Tas Pasar Biru")])  # net to her: 135.000
    admin_user = make_user("admin", email="staff@example.com")

    maker = new_page()  # a 360 px phone, in Indonesian
    _sign_in(maker, live_server, siti.user.email)
    maker.goto(live_server + "/maker/")
    sale = maker.locator(".sale-row", has_text="Tas Pasar Biru")
    expect(sale).to_contain_text("Rp135.000")
    expect(sale).to_contain_text("Rp15.000")
    expect(maker.locator("#stat-balance strong")).to_have_text("Rp135.000")
    screenshot(maker, "maker-dashboard-phone")

    admin = new_page(locale="en-GB", viewport={"width": 1200, "height": 900})
    _sign_in(admin, live_server, admin_user.email)
    admin.goto(f"{live_server}/admin/payouts/makers/{siti.id}")
    admin.fill("input[name=amount]", "135.000")
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    admin.fill("input[name=paid_on]", today)
    admin.select_option("select[name=method]", "ewallet")
    admin.fill("input[name=provider]", "GoPay")
    admin.fill("input[name=reference]", "GP-2026-01")
    admin.locator("form.payout-form button[type=submit]").click()
    expect(admin.locator(f"#maker-{siti.id}")).to_contain_text("Rp0")

    maker.reload()
    expect(maker.locator("#stat-balance strong")).to_have_text("Rp0")
    expect(maker.locator(".payout-row")).to_contain_text("GP-2026-01")
    screenshot(maker, "maker-dashboard-after-payout")
