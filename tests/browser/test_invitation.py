"""A maker with only a phone number is invited by an admin and signs in on a phone."""

import re

from storefront.auth.models import Role
from tests.browser.conftest import PHONE, screenshot
from tests.factories import PASSWORD, make_user

MAKER_PASSWORD = "anyaman-laut-27"


def sign_in(page, base_url, identifier, password):
    page.goto(base_url + "/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()


def test_admin_invites_a_phone_only_maker_who_then_signs_in_with_her_phone(
    live_server, browser, new_page
):
    make_user(Role.ADMIN, email="admin@example.com", name="Admin")

    admin = new_page(viewport=PHONE)
    admin.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    sign_in(admin, live_server, "admin@example.com", PASSWORD)
    admin.wait_for_url(live_server + "/admin/")
    admin.goto(live_server + "/admin/users/new-maker")
    admin.fill("input[name=name]", "Siti Nurhayati")
    admin.fill("input[name=phone]", "0812-7777-8888")
    screenshot(admin, "invitation-1-admin-new-maker")
    admin.locator("main button[type=submit]").click()
    admin.wait_for_url(re.compile(r".*/admin/users/\d+$"))
    admin.locator("form[action$='/link'] button").click()
    admin.wait_for_url(re.compile(r".*/admin/users/\d+/link$"))

    share = admin.get_by_test_id("share-link")
    link = share.input_value()
    assert "/invite/" in link
    whatsapp = admin.locator("a[href^='https://wa.me/6281277778888?text=']")
    assert whatsapp.is_visible()
    admin.locator("#copy-link").click()
    assert admin.evaluate("navigator.clipboard.readText()") == link
    assert admin.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(admin, "invitation-2-admin-link")

    maker = new_page(viewport=PHONE)
    maker.goto(link)
    maker.fill("input[name=password]", MAKER_PASSWORD)
    maker.fill("input[name=confirm]", MAKER_PASSWORD)
    screenshot(maker, "invitation-3-maker-sets-password")
    maker.locator("main button[type=submit]").click()
    maker.wait_for_url(live_server + "/maker/")

    maker.locator("form[action='/logout'] button").first.click()
    maker.wait_for_url(live_server + "/")
    sign_in(maker, live_server, "+62 812 7777 8888", MAKER_PASSWORD)
    maker.wait_for_url(live_server + "/maker/")
    assert maker.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(maker, "invitation-4-maker-signed-in")

    maker.goto(link)
    assert maker.locator(".error-code").inner_text() == "410"
