"""A maker on a phone lists a bag with a photo; an admin approves it; it appears in the catalog."""

from pathlib import Path

from playwright.sync_api import expect

from tests.factories import PASSWORD, make_category, make_maker, make_user, photo_bytes


def sign_in(page, base: str, identifier: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()


def test_maker_lists_on_a_phone_and_admin_approval_publishes_it(live_server, new_page, tmp_path):
    category = make_category(name_id="Tas Belanja")
    maker = make_maker(with_user=True)
    admin = make_user("admin")
    photo: Path = tmp_path / "tas.jpg"
    photo.write_bytes(photo_bytes("JPEG", size=(800, 600)))

    phone = new_page()  # 360 px wide, Indonesian
    sign_in(phone, live_server, maker.user.email)
    phone.goto(live_server + "/maker/listings/new")
    phone.fill("#title_id", "Tas Belanja Kopi")
    phone.fill("#description_id", "Dibuat dari bungkus kopi bekas.")
    phone.select_option("#category_id", str(category.id))
    phone.fill("#price", "175000")
    phone.fill("#stock", "1")
    phone.set_input_files("#photos", str(photo))
    # Layout settles after the file is attached (slowly on a loaded machine): wait up to 5 s for it.
    phone.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)
    phone.locator("#submit_review").click()
    expect(phone.locator(".listing-item")).to_contain_text("Tas Belanja Kopi")
    # Layout settles after the file is attached (slowly on a loaded machine): wait up to 5 s for it.
    phone.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)

    desk = new_page(locale="en-GB", viewport={"width": 1200, "height": 900})
    sign_in(desk, live_server, admin.email)
    desk.goto(live_server + "/admin/listings/")
    desk.get_by_role("link", name="Tas Belanja Kopi").click()
    desk.locator("form[action$='/approve'] button").click()
    expect(desk.locator(".badge-status")).to_have_class("badge badge-status badge-live")

    phone.goto(live_server + "/products/tas-belanja-kopi")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tas Belanja Kopi")
    expect(phone.locator(".gallery img").first).to_be_visible()
