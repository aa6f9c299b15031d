"""Buyers abroad: a country, an international phone number, an address without an Indonesian
province, and the shipping fee of the country's zone (SHIPPING_ABROAD_ZONES)."""

import pytest

from tests.factories import cart_add, checkout_post, latest_order, make_product

LONDON = {
    "country": "GB",
    "phone": "+44 7911 123456",
    "street": "12 Baker Street",
    "area": "Greater London",
    "city": "London",
    "province": "",
    "postal_code": "NW1 6XE",
}


@pytest.fixture
def in_cart(client):
    product = make_product(stock=2, price_idr=200_000)
    cart_add(client, product)
    return product


def test_a_buyer_in_london_checks_out_with_her_uk_number_and_address(app, client, in_cart):
    response = checkout_post(client, **LONDON)
    assert response.status_code == 302, response.get_data(as_text=True)
    order = latest_order()
    assert order.country == "GB"
    assert order.phone == "+447911123456"
    assert (order.city, order.province, order.postal_code) == ("London", "", "NW1 6XE")
    assert order.shipping_idr == app.config["SHIPPING_ABROAD"]["*"]
    assert order.total_idr == 200_000 + order.shipping_idr


def test_a_country_in_a_zone_pays_that_zones_fee(app, client, in_cart):
    checkout_post(
        client, **{**LONDON, "country": "SG", "phone": "+65 8123 4567", "postal_code": "049315"}
    )
    assert latest_order().shipping_idr == app.config["SHIPPING_ABROAD"]["SG"] == 150_000


def test_a_local_number_is_read_in_the_chosen_country(client, in_cart):
    checkout_post(client, **{**LONDON, "phone": "07911 123456"})
    assert latest_order().phone == "+447911123456"


def test_indonesian_local_forms_are_still_accepted(client, in_cart):
    checkout_post(client, phone="0812-3456-7890")
    order = latest_order()
    assert (order.country, order.phone) == ("ID", "+6281234567890")


def test_an_indonesian_mobile_is_accepted_from_abroad(client, in_cart):
    checkout_post(client, **{**LONDON, "phone": "0812 3456 7890"})
    assert latest_order().phone == "+6281234567890"


@pytest.mark.parametrize(
    "field,value",
    [("phone", "+44 12"), ("street", ""), ("city", ""), ("country", "XX"), ("postal_code", "!!")],
)
def test_a_bad_address_abroad_is_refused_with_a_message(client, in_cart, field, value):
    response = checkout_post(client, **{**LONDON, field: value})
    assert response.status_code == 400
    assert latest_order() is None
    assert 'class="error"' in response.get_data(as_text=True)


def test_a_country_outside_every_zone_cannot_be_shipped_to(app, client, in_cart):
    zones = app.config["SHIPPING_ABROAD"]
    app.config["SHIPPING_ABROAD"] = {"SG": 150_000}
    try:
        response = checkout_post(client, **LONDON)
    finally:
        app.config["SHIPPING_ABROAD"] = zones
    assert response.status_code == 400
    assert "belum bisa mengirim paket ke negara ini" in response.get_data(as_text=True)
    assert latest_order() is None


def test_the_checkout_page_lists_countries_in_the_buyers_language(client, in_cart):
    html = client.get("/checkout", headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert '<option selected value="ID">Indonesia</option>' in html
    assert ">Inggris Raya</option>" in html
    english = client.get("/checkout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert ">United Kingdom</option>" in english


def test_the_order_page_shows_the_address_abroad_with_its_country(client, in_cart):
    checkout_post(client, **LONDON)
    order = latest_order()
    html = client.get(f"/orders/{order.token}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "12 Baker Street, Greater London, London, NW1 6XE, United Kingdom" in html
