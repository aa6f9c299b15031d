"""axe-core on every page the makers work (issue 15 bugs 6, 8, 10, 11, 12, 14, 15, 16) touched:
no serious or critical violation, on a 360x740 phone."""

import pytest

from storefront.extensions import db
from tests.browser.conftest import serious_accessibility_violations
from tests.browser.test_listing_flow import sign_in
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_sold_order,
    make_user,
    photo_bytes,
)


def _assert_clean(page, url):
    page.goto(url)
    page.wait_for_load_state()
    violations = serious_accessibility_violations(page)
    assert violations == [], (url, [(v["id"], v["nodes"][0]["html"]) for v in violations])


@pytest.fixture
def placed(app):
    """An order placed through the pages (with its thumbnail), before the browser starts."""
    client = app.test_client()
    csrf = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = False
    product = make_product(stock=1, maker=make_maker(accepts_requests=True))
    cart_add(client, product)
    checkout_post(client)
    app.config["WTF_CSRF_ENABLED"] = csrf
    return product, latest_order(), client


def test_public_pages_are_accessible(placed, live_server, page):
    product, order, _client = placed
    for slug in ("contact", "shipping-returns", "privacy", "terms"):
        _assert_clean(page, f"{live_server}/pages/{slug}")
    _assert_clean(page, f"{live_server}/products/{product.slug}")  # reserved + request form
    _assert_clean(page, f"{live_server}/orders/{order.token}")  # thumbnails, next steps
    page.goto(f"{live_server}/products/{make_product().slug}")
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    _assert_clean(page, f"{live_server}/cart")
    _assert_clean(page, f"{live_server}/checkout")


def test_admin_pages_are_accessible(live_server, page, app):
    no_email = make_user("maker", email="", phone="+6281299990000")
    maker = make_maker(user=no_email, accepts_requests=True)
    order = make_sold_order([(maker, 100_000, 1)])
    with app.test_request_context():
        from storefront.catalog.services import create_make_request

        create_make_request(
            make_product(maker=maker, stock=0),
            name="Dewi",
            whatsapp="0812 1111 2222",
            email="dewi@example.com",
            message="Biru",
            locale="id",
        )
    maker.pending_story_id, maker.pending_story_en = "Cerita baru.", "New story."
    maker.profile_submitted_at = order.created_at
    db.session.commit()
    sign_in(page, live_server, make_user("admin").email)
    for path in (
        f"/admin/orders/{order.id}",
        "/admin/requests/",
        "/admin/listings/",
        f"/admin/makers/{maker.id}/profile",
        "/admin/pages/",
        "/admin/pages/privacy",
        "/admin/audit",
        f"/admin/payouts/makers/{maker.id}",
    ):
        _assert_clean(page, live_server + path)
    page.goto(f"{live_server}/admin/orders/{order.id}")
    page.fill("#amount", "10000")
    page.locator("form.refund-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Konfirmasi pengembalian dana" in page.content()
    assert serious_accessibility_violations(page) == []


def test_maker_pages_are_accessible(live_server, page, tmp_path):
    maker = make_maker(with_user=True)
    sign_in(page, live_server, maker.user.email)
    _assert_clean(page, f"{live_server}/maker/profile")
    _assert_clean(page, f"{live_server}/maker/privacy")
    photo = tmp_path / "tas.jpg"
    photo.write_bytes(photo_bytes(size=(2400, 1800)))
    page.goto(f"{live_server}/maker/listings/new")
    page.set_input_files("input[name=photos]", str(photo))
    page.wait_for_function(
        "() => { const i = document.querySelector('input[name=photos]');"
        " return i.files.length === 1 && i.dataset.resizing !== '1'; }"
    )
    resized = page.evaluate("document.querySelector('input[name=photos]').files[0].size")
    assert resized < photo.stat().st_size or resized > 0
    page.locator(
        "form.listing-form button[name=save_draft], form.listing-form input[name=save_draft]"
    ).click()
    page.wait_for_load_state()
    assert page.locator(".photo-staged img").count() == 1  # kept after the error (no title)
    assert serious_accessibility_violations(page) == []
