"""Gifts at checkout: a card message, a recipient, and a packing slip that shows no price."""

import re

from storefront.auth.models import Role
from tests.conftest import login
from tests.factories import cart_add, checkout_post, latest_order, make_product, make_user

GIFT = {
    "is_gift": "y",
    "gift_recipient_name": "Ibu Sari",
    "gift_recipient_phone": "0813 1111 2222",
    "gift_message": "Selamat ulang tahun, Bu!",
}


def _slip(client, order) -> str:
    login(client, make_user(Role.ADMIN))
    page = client.get(f"/admin/orders/{order.id}/packing-slip")
    assert page.status_code == 200
    return page.text.split('id="main"', 1)[1]  # the page body, not the header


def test_a_gift_order_keeps_the_recipient_and_message(client):
    cart_add(client, make_product())
    assert checkout_post(client, **GIFT).status_code == 302
    order = latest_order()
    assert order.is_gift
    assert (order.gift_recipient_name, order.gift_message) == (
        "Ibu Sari",
        "Selamat ulang tahun, Bu!",
    )
    assert order.gift_recipient_phone == "+6281311112222"


def test_a_gift_needs_a_recipient_and_delivery(client):
    cart_add(client, make_product())
    assert checkout_post(client, **{**GIFT, "gift_recipient_name": ""}).status_code == 400
    assert checkout_post(client, **{**GIFT, "delivery": "pickup"}).status_code == 400
    assert latest_order() is None


def test_the_gift_packing_slip_shows_no_price(client):
    cart_add(client, make_product(price_idr=275_000, title_id="Tas Pantai"), 2)
    checkout_post(client, **GIFT)
    body = _slip(client, latest_order())
    assert "Tas Pantai" in body and "Ibu Sari" in body
    assert "Selamat ulang tahun, Bu!" in body
    assert not re.search(r"Rp\s?[0-9]", body), body
    assert "275" not in body and "550" not in body


def test_an_ordinary_packing_slip_shows_the_prices(client):
    cart_add(client, make_product(price_idr=275_000), 2)
    checkout_post(client)
    assert "Rp550.000" in _slip(client, latest_order())
