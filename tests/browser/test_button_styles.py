"""Secondary and danger buttons differ from the main one; maker listing cards fit a phone."""

from tests.browser.conftest import screenshot
from tests.browser.test_listing_flow import sign_in
from tests.factories import make_maker, make_product, make_user

WHITE = "rgb(255, 255, 255)"
DANGER = "rgb(164, 38, 44)"


def background(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")


def test_admin_switch_off_button_is_red_and_email_button_is_outlined(live_server, page):
    maker = make_maker(with_user=True)
    sign_in(page, live_server, make_user("admin").email)
    page.goto(f"{live_server}/admin/users/{maker.user.id}")
    assert background(page, "form[action$='/deactivate'] button") == DANGER
    assert background(page, "form[action$='/send-link'] button") == WHITE


def test_maker_listing_cards_and_buttons_fit_a_phone(live_server, page):
    maker = make_maker(with_user=True)
    make_product(maker=maker)
    sign_in(page, live_server, maker.user.email)
    page.goto(live_server + "/maker/listings/")
    card = page.locator(".listing-item").first.bounding_box()
    assert card["x"] <= 20 and card["width"] >= 320  # no list indent on a 360 px screen
    archive = "form[action$='/archive'] button"
    assert background(page, archive) == WHITE
    edit = page.locator("a[href$='/edit']").first.bounding_box()
    assert edit["width"] < card["width"] / 2  # a button, not a full-width block link
    screenshot(page, "maker-listings-phone")
