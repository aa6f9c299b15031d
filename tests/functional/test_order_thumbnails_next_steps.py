"""Bug 14: thumbnails on the cart and order pages; the order page and the paid email say what
happens next, with the pick-up address and hours or the delivery estimate."""

import pytest

from storefront.extensions import db
from storefront.orders import notify
from tests.factories import cart_add, checkout_post, latest_order, make_product

EN = {"Accept-Language": "en"}


@pytest.fixture
def product():
    return make_product(stock=3)


def test_cart_shows_a_thumbnail_of_each_product(client, product):
    cart_add(client, product)
    page = client.get("/cart", headers=EN).text
    key = product.photos[0].key
    assert f"/media/{key}-400.webp" in page
    assert 'class="thumb"' in page


def test_order_page_shows_thumbnails_and_what_happens_next_for_delivery(client, product):
    cart_add(client, product)
    checkout_post(client)
    order = latest_order()
    page = client.get(f"/orders/{order.token}", headers=EN).text
    assert f"/media/{product.photos[0].key}-400.webp" in page
    assert 'id="next-steps"' in page
    assert "What happens next" in page
    assert "1 to 3 days" in page  # DKI Jakarta


def test_pickup_order_says_where_and_when(client, product, app):
    cart_add(client, product)
    checkout_post(client, delivery="pickup")
    order = latest_order()
    page = client.get(f"/orders/{order.token}", headers=EN).text
    assert app.config["PICKUP_ADDRESS"] in page
    assert "Monday to Friday, 09:00 to 16:00 WIB" in page


def test_paid_email_says_what_happens_next(app, client, product):
    cart_add(client, product)
    checkout_post(client)
    order = latest_order()
    order.status = "paid"
    db.session.commit()
    from pathlib import Path

    with app.test_request_context():
        notify.order_paid(order)
    mails = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"), key=lambda p: p.name)
    text = next(m.read_text() for m in mails if order.number in m.read_text())  # this order's
    assert "Yang terjadi selanjutnya" in text
    assert "1 sampai 3 hari" in text
