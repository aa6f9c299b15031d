"""Checkout: one form, the order snapshotted and the stock reserved, amounts only from the DB."""

from datetime import timedelta

import pytest

from storefront.cart.models import CartLine
from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
)


def stock_of(product) -> int:
    return db.session.scalar(db.select(Product.stock).where(Product.id == product.id))


def orders():
    return db.session.scalars(db.select(Order)).all()


def test_checkout_page_shows_every_line_with_its_maker(client):
    maker = make_maker(full_name="Siti Aminah")
    cart_add(client, make_product(maker=maker, price_idr=90_000))
    page = client.get("/checkout").get_data(as_text=True)
    assert "Siti" in page and "Rp90.000" in page
    assert "Kepulauan Bangka Belitung" in page


def test_province_list_has_the_38_provinces():
    from storefront.checkout.provinces import PROVINCES

    assert len(PROVINCES) == 38 == len(set(PROVINCES))


def test_empty_cart_checkout_goes_back_to_the_cart(client):
    assert client.get("/checkout").headers["Location"].endswith("/cart")


def test_placing_an_order_reserves_stock_and_snapshots_lines(client):
    maker = make_maker(full_name="Dewi Lestari")
    product = make_product(maker=maker, price_idr=150_000, stock=3, title_id="Tas Biru")
    cart_add(client, product, 2)
    response = checkout_post(client)
    order = latest_order()
    assert response.headers["Location"].endswith(f"/pay/{order.token}")
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert stock_of(product) == 1
    line = order.lines[0]
    assert (line.title, line.maker_name, line.unit_price_idr, line.quantity) == (
        "Tas Biru",
        "Dewi",
        150_000,
        2,
    )
    assert order.subtotal_idr == 300_000
    assert order.shipping_idr == 15_000  # DKI Jakarta
    assert order.total_idr == 315_000
    assert order.payment_reference.startswith("test_")
    assert order.reserved_until is not None
    assert len(order.token) >= 40 and order.number.startswith("AN")


def test_order_empties_the_cart(client):
    cart_add(client, make_product())
    checkout_post(client)
    assert db.session.scalars(db.select(CartLine)).all() == []


def test_phone_is_normalised_to_plus_62(client):
    cart_add(client, make_product())
    checkout_post(client, phone="0812-3456-7890")
    assert latest_order().phone == "+6281234567890"


def test_pickup_is_free_and_needs_no_address(client):
    cart_add(client, make_product(price_idr=100_000))
    checkout_post(client, delivery="pickup", street="", province="", postal_code="")
    order = latest_order()
    assert (order.delivery_method, order.shipping_idr, order.total_idr) == ("pickup", 0, 100_000)


def test_shipping_fee_comes_from_the_configured_table(client, app):
    cart_add(client, make_product(price_idr=100_000))
    checkout_post(client, province="Papua Selatan")
    assert latest_order().shipping_idr == app.config["SHIPPING_TABLE"]["maluku_papua"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("phone", "12345"),
        ("phone", "+1 415 555"),  # too short for any country
        ("phone", "021 2345 678"),  # an Indonesian landline: no WhatsApp
        ("email", "not-an-email"),
        ("postal_code", "1411"),
        ("postal_code", "１４１１０"),
        ("province", "Atlantis"),
        ("street", ""),
        ("name", ""),
        ("idempotency_key", "short"),
    ],
)
def test_invalid_checkout_field_shows_the_form_again_and_places_nothing(client, field, value):
    product = make_product(stock=2)
    cart_add(client, product)
    response = checkout_post(client, **{field: value})
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)
    assert orders() == []
    assert stock_of(product) == 2


def test_posted_prices_and_totals_are_ignored(client):
    cart_add(client, make_product(price_idr=200_000))
    checkout_post(
        client,
        price_idr="1000",
        total_idr="1000",
        subtotal_idr="1000",
        shipping_idr="0",
        unit_price_idr="1",
        amount="1",
    )
    order = latest_order()
    assert order.subtotal_idr == 200_000
    assert order.total_idr == 215_000


def test_price_changed_after_the_page_loaded_is_not_charged_silently(client):
    product = make_product(price_idr=100_000)
    cart_add(client, product)
    client.get("/checkout")
    product.price_idr = 180_000
    db.session.commit()
    response = checkout_post(client)
    assert response.status_code == 409
    assert "Rp180.000" in response.get_data(as_text=True)
    assert orders() == []


def test_double_clicked_place_order_makes_one_order(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    first = checkout_post(client, key="same-key-for-both-clicks-123")
    second = checkout_post(client, key="same-key-for-both-clicks-123")
    assert len(orders()) == 1
    assert first.headers["Location"] == second.headers["Location"]
    assert stock_of(product) == 4


def take_after_check(monkeypatch, product):
    """Someone else takes the product's stock between the cart check and the reservation."""
    from storefront.checkout import services

    real = services._checked_lines

    def racing(cart, locale):
        views = real(cart, locale)
        db.session.execute(db.update(Product).where(Product.id == product.id).values(stock=0))
        return views

    monkeypatch.setattr(services, "_checked_lines", racing)


def test_sold_out_line_rolls_back_every_reservation_and_keeps_the_cart(client, monkeypatch):
    cheap = make_product(stock=5)
    rare = make_product(stock=1, title_id="Tas Satu-satunya")
    cart_add(client, cheap, 2)
    cart_add(client, rare, 1)
    take_after_check(monkeypatch, rare)
    response = checkout_post(client)
    assert response.status_code == 409
    assert stock_of(cheap) == 5
    assert orders() == []
    assert len(db.session.scalars(db.select(CartLine)).all()) == 2


def test_sold_out_page_says_so_and_keeps_the_cart(client, monkeypatch):
    product = make_product(stock=1, title_id="Tas Terakhir")
    cart_add(client, product)
    take_after_check(monkeypatch, product)
    client.set_cookie("lang", "en")
    response = checkout_post(client)
    assert response.status_code == 409
    assert "sold out" in response.get_data(as_text=True)
    assert len(db.session.scalars(db.select(CartLine)).all()) == 1
    assert orders() == []


def test_made_to_order_lines_do_not_touch_stock(client):
    product = make_product(stock=0, is_made_to_order=True)
    cart_add(client, product, 3)
    checkout_post(client)
    assert latest_order().lines[0].is_made_to_order
    assert stock_of(product) == 0


def test_reservation_ends_after_the_configured_minutes(client, app):
    cart_add(client, make_product())
    before = utcnow()
    checkout_post(client)
    reserved = latest_order().reserved_until
    if reserved.tzinfo is None:
        reserved = reserved.replace(tzinfo=before.tzinfo)
    minutes = app.config["RESERVATION_MINUTES"]
    assert timedelta(minutes=minutes - 1) < reserved - before <= timedelta(minutes=minutes + 1)
