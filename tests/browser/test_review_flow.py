"""A buyer reviews a delivered bag from her order link on a phone; the admin approves it; the
review shows on the product page. axe-core finds nothing serious on the pages touched."""

from playwright.sync_api import expect

from storefront.extensions import db
from tests.browser.conftest import serious_accessibility_violations
from tests.browser.test_listing_flow import sign_in
from tests.factories import make_maker, make_product, make_sold_order, make_user


def delivered_bag():
    maker = make_maker(full_name="Siti Rahayu")
    product = make_product(maker, title_id="Tas Kopi Biru", stock=0)
    order = make_sold_order([(maker, product.price_idr, 1, product.title_id)], status="delivered")
    order.lines[0].product_id = product.id
    order.contact_name = "Rina Wulandari"
    db.session.commit()
    return order, product


def test_buyer_reviews_a_delivered_bag_and_the_approved_review_shows(live_server, new_page):
    order, product = delivered_bag()
    admin = make_user("admin")

    phone = new_page()  # 360 px, Indonesian, no account
    phone.goto(f"{live_server}/orders/{order.token}")
    phone.locator(".review-links a").first.click()
    assert serious_accessibility_violations(phone) == []
    phone.locator("input[name=rating][value='4']").check()
    phone.fill("#body", "Jahitannya rapi dan kuat sekali.")
    phone.locator("form button[type=submit]").last.click()
    expect(phone.locator(".flash-success")).to_be_visible()
    phone.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)

    phone.goto(f"{live_server}/products/{product.slug}")
    expect(phone.locator(".reviews-section")).not_to_contain_text("Jahitannya rapi")

    desk = new_page(locale="en-GB", viewport={"width": 1200, "height": 900})
    sign_in(desk, live_server, admin.email)
    desk.goto(live_server + "/admin/reviews/")
    expect(desk.locator(".queue-item")).to_contain_text("Jahitannya rapi")
    assert serious_accessibility_violations(desk) == []
    desk.locator("form[action$='/approve'] button").click()
    expect(desk.locator(".flash-success")).to_be_visible()

    phone.goto(f"{live_server}/products/{product.slug}")
    reviews = phone.locator(".reviews-section")
    expect(reviews).to_contain_text("Jahitannya rapi dan kuat sekali.")
    expect(reviews).to_contain_text("Rina")
    expect(reviews).not_to_contain_text("Wulandari")
    expect(phone.locator(".alert-signup")).to_be_visible()  # sold out: "tell me when it is back"
    phone.wait_for_function("document.documentElement.scrollWidth <= 360", timeout=5000)
    assert serious_accessibility_violations(phone) == []


def test_maker_page_and_share_buttons_pass_axe(live_server, new_page):
    _, product = delivered_bag()
    phone = new_page()
    phone.goto(f"{live_server}/makers/{product.maker.slug}")
    expect(phone.locator(".share a[href^='https://wa.me/']")).to_be_visible()
    expect(phone.locator("[data-share-copy]")).to_be_visible()  # shown by static/js/share.js
    assert serious_accessibility_violations(phone) == []
    phone.goto(f"{live_server}/products?lang=en")
    assert serious_accessibility_violations(phone) == []
