"""Amounts typed into the shop's forms (issue 10): a decimal part is never read as a hundredfold
price; cents are refused with a clear message and nothing saved changes."""

import pytest

from storefront.catalog.models import ListingStatus as L
from storefront.catalog.models import Product
from storefront.earnings import services as earnings
from storefront.extensions import db
from tests.factories import (
    listing_form,
    make_maker,
    make_product,
    make_sold_order,
    make_user,
)

EN = {"Accept-Language": "en"}
CENTS_EN = "Enter whole rupiah, without cents."
CENTS_ID = "Masukkan rupiah utuh, tanpa sen."


@pytest.fixture
def admin(login_as):
    user = make_user("admin")
    login_as(user)
    return user


def price_of(product) -> int:
    db.session.expire_all()
    return db.session.get(Product, product.id).price_idr


def test_maker_price_with_cents_is_refused_and_the_draft_keeps_its_price(client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    product = make_product(maker, status=L.DRAFT, price_idr=150_000)
    data = listing_form(product.category, price="15000.50", save_draft="1")
    response = client.post(f"/maker/listings/{product.id}/edit", data=data, headers=EN)
    assert response.status_code == 400
    assert CENTS_EN in response.text
    assert price_of(product) == 150_000


def test_maker_sees_the_cents_message_in_indonesian(client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    product = make_product(maker, status=L.DRAFT, price_idr=150_000)
    data = listing_form(product.category, price="150.000,50", save_draft="1")
    response = client.post(f"/maker/listings/{product.id}/edit", data=data)
    assert response.status_code == 400
    assert CENTS_ID in response.text


@pytest.mark.parametrize("typed", ["150000.00", "150.000,00", "150,000", "Rp150.000,-"])
def test_a_zero_decimal_part_is_saved_as_whole_rupiah_not_a_hundred_times_more(
    client, login_as, typed
):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    product = make_product(maker, status=L.DRAFT, price_idr=99_000)
    data = listing_form(product.category, price=typed, save_draft="1")
    assert client.post(f"/maker/listings/{product.id}/edit", data=data).status_code == 302
    assert price_of(product) == 150_000


@pytest.mark.parametrize("typed", ["1.500.00", "1,500.000", "150.0000"])
def test_an_ambiguous_price_is_refused_not_guessed(client, login_as, typed):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    product = make_product(maker, status=L.DRAFT, price_idr=99_000)
    data = listing_form(product.category, price=typed, save_draft="1")
    response = client.post(f"/maker/listings/{product.id}/edit", data=data, headers=EN)
    assert response.status_code == 400
    assert "Write the price in rupiah, like 90000, 90.000 or 90rb." in response.text
    assert price_of(product) == 99_000


def test_admin_price_fix_with_cents_is_refused(client, admin):
    product = make_product(status=L.LIVE, price_idr=15_000)
    response = client.post(
        f"/admin/listings/{product.id}/edit",
        data={"category_id": str(product.category_id), "price": "150000.50"},
        headers=EN,
    )
    assert response.status_code == 400
    assert CENTS_EN in response.text
    assert price_of(product) == 15_000


def test_admin_price_fix_with_zero_cents_is_whole_rupiah(client, admin):
    product = make_product(status=L.LIVE, price_idr=15_000)
    client.post(
        f"/admin/listings/{product.id}/edit",
        data={"category_id": str(product.category_id), "price": "150000.00"},
    )
    assert price_of(product) == 150_000


def test_refund_amount_with_cents_shows_the_order_again_and_refunds_nothing(client, admin):
    order = make_sold_order([(make_maker(), 50_000, 1)])
    response = client.post(
        f"/admin/orders/{order.id}/refund",
        data={"confirmed": "1", "amount": "15000.50"},
        headers=EN,
    )
    assert response.status_code == 400
    assert CENTS_EN in response.text and order.number in response.text
    assert earnings.refunded_idr(order) == 0


def test_payout_amount_with_cents_is_refused_and_nothing_is_recorded(client, admin):
    maker = make_maker(full_name="Siti Aminah")
    make_sold_order([(maker, 150_000, 2)])
    response = client.post(
        f"/admin/payouts/makers/{maker.id}",
        data={"amount": "100.000,50", "paid_on": "2026-11-30", "method": "cash"},
        headers=EN,
    )
    assert response.status_code == 400
    assert CENTS_EN in response.text
    assert earnings.maker_balance(maker.id) == 270_000


def test_catalog_price_filter_with_cents_is_ignored_with_a_notice(client):
    make_product(title_en="Cheap Pouch", price_idr=20_000)
    response = client.get("/products?min_price=15000.50", headers=EN)
    assert response.status_code == 200
    assert "Lowest price must be a whole number of rupiah; it was ignored." in response.text
    assert "Cheap Pouch" in response.text


def test_catalog_price_filter_reads_an_english_amount(client):
    make_product(title_en="Cheap Pouch", price_idr=20_000)
    make_product(title_en="Dear Basket", price_idr=300_000)
    page = client.get("/products?max_price=150,000.00", headers=EN).text
    assert "Cheap Pouch" in page and "Dear Basket" not in page


@pytest.mark.parametrize("amount", ["10.000.000.000", "2147483648", "999.999.999.999"])
def test_payout_amount_beyond_any_real_one_is_refused_not_a_500(client, admin, amount):
    """Larger than a 32-bit column: PostgreSQL would refuse the insert (a 500) without the cap."""
    maker = make_maker(full_name="Siti Aminah")
    make_sold_order([(maker, 150_000, 2)])
    response = client.post(
        f"/admin/payouts/makers/{maker.id}",
        data={
            "amount": amount,
            "paid_on": "2026-11-30",
            "method": "cash",
            "confirm_over_balance": "y",
        },
        headers=EN,
    )
    assert response.status_code == 400
    assert "That amount is too large: at most Rp1.000.000.000." in response.text
    assert earnings.maker_balance(maker.id) == 270_000


def test_refund_amount_beyond_any_real_one_is_refused_in_indonesian(client, admin):
    maker = make_maker()
    order = make_sold_order([(maker, 150_000, 1)])
    response = client.post(
        f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "5000000000"}
    )
    assert response.status_code == 400
    assert "Jumlah itu terlalu besar: paling banyak Rp1.000.000.000." in response.text
    assert earnings.refunded_idr(order) == 0
