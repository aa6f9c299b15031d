"""Variants (colour, size) through the cart, the reservation, the order snapshot, expiry and a
refund; the maker edits their stock; simple products are unchanged."""

import pytest

from storefront.auth.models import Role
from storefront.catalog.models import Product, ProductVariant
from storefront.earnings import services as ledger
from storefront.errors import Conflict
from storefront.extensions import db
from storefront.listings.variants import add_variant, set_variant_stock
from storefront.orders.services import expire_order
from storefront.payments import refunds
from storefront.payments.paid import mark_paid
from storefront.payments.test_gateway import TestGateway
from tests.conftest import login
from tests.factories import (
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_user,
    make_variant,
)


def _bag(red=2, blue=1):
    product = make_product(price_idr=150_000, stock=0)
    red_v = add_variant(product, colour="Merah", size="M", stock=red)
    blue_v = make_variant(product, colour="Biru", size="L", stock=blue, price_delta_idr=25_000)
    return product, red_v, blue_v


def _add(client, product, variant=None, quantity=1):
    data = {"product_id": str(product.id), "quantity": str(quantity)}
    if variant is not None:
        data["variant_id"] = str(variant.id)
    return client.post("/cart/add", data=data)


def _stock(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id).stock


def test_product_stock_is_the_sum_of_its_options(app):
    product = make_product(stock=3)
    add_variant(product, colour="Hijau", size="", stock=0)  # her 3 units become this option's
    add_variant(product, colour="Kuning", size="", stock=2)
    assert [v.stock for v in product.variants] == [3, 2]
    assert _stock(Product, product.id) == 5


def test_a_product_with_options_needs_one_chosen(client):
    product, red, _blue = _bag()
    assert _add(client, product).status_code == 400
    assert _add(client, product, red).status_code == 302


def test_each_option_is_its_own_line_at_its_own_price_capped_by_its_stock(client):
    product, red, blue = _bag(red=2, blue=1)
    _add(client, product, red, 2)
    _add(client, product, blue)
    assert _add(client, product, blue).status_code == 400  # only one blue
    page = client.get("/cart", headers={"Accept-Language": "en"}).text
    assert "Merah / M" in page and "Biru / L" in page
    assert "Rp475.000" in page  # 2 x 150.000 + 175.000


def test_checkout_reserves_the_option_and_snapshots_it(client):
    product, red, blue = _bag(red=2, blue=1)
    _add(client, product, blue)
    _add(client, product, red)
    assert checkout_post(client).status_code == 302
    order = latest_order()
    lines = {line.variant_label: line for line in order.lines}
    assert lines["Biru / L"].unit_price_idr == 175_000
    assert lines["Merah / M"].variant_id == red.id
    assert order.subtotal_idr == 325_000
    assert (_stock(ProductVariant, blue.id), _stock(ProductVariant, red.id)) == (0, 1)
    assert _stock(Product, product.id) == 1
    assert expire_order(order)
    db.session.commit()
    assert (_stock(ProductVariant, blue.id), _stock(ProductVariant, red.id)) == (1, 2)
    assert _stock(Product, product.id) == 3


def test_an_option_sold_out_meanwhile_refuses_the_order(client):
    product, _red, blue = _bag(red=2, blue=1)
    _add(client, product, blue)
    db.session.execute(
        db.update(ProductVariant).where(ProductVariant.id == blue.id).values(stock=0)
    )
    db.session.execute(db.update(Product).where(Product.id == product.id).values(stock=2))
    db.session.commit()
    assert checkout_post(client).status_code == 409
    assert latest_order() is None
    assert _stock(Product, product.id) == 2


def test_refund_of_an_option_line_reverses_its_share(client):
    maker = make_maker()
    product = make_product(maker=maker, price_idr=100_000, stock=0)
    small = add_variant(product, colour="", size="S", stock=2)
    large = make_variant(product, size="L", stock=2, price_delta_idr=20_000)
    _add(client, product, small)
    _add(client, product, large)
    checkout_post(client)
    order = latest_order()
    mark_paid(order, order.payment_reference, order.total_idr, "evt_paid_variants")
    assert ledger.maker_balance(maker.id) == 90_000 + 108_000
    large_line = next(line for line in order.lines if line.variant_label == "L")
    refunds.refund_order(order, actor_id=None, quantities={large_line.id: 1}, gateway=TestGateway())
    db.session.expire_all()
    assert ledger.refunded_idr(order) == 120_000
    assert ledger.maker_balance(maker.id) == 90_000


def test_the_maker_edits_an_options_stock_from_her_page(client):
    maker = make_maker(user=make_user(Role.MAKER, password=None))
    product = make_product(maker=maker, stock=0)
    variant = add_variant(product, colour="Merah", size="", stock=1)
    login(client, maker.user)
    page = client.get(f"/maker/listings/{product.id}/variants")
    assert page.status_code == 200 and 'inputmode="numeric"' in page.text
    saved = client.post(
        f"/maker/listings/{product.id}/variants/{variant.id}/stock",
        data={"stock": "4", "stock_seen": "1"},
    )
    assert saved.status_code == 302
    assert (_stock(ProductVariant, variant.id), _stock(Product, product.id)) == (4, 4)
    added = client.post(
        f"/maker/listings/{product.id}/variants",
        data={"colour": "Biru", "size": "", "price_delta": "", "stock": "2", "photo": ""},
    )
    assert added.status_code == 302
    assert _stock(Product, product.id) == 6


def test_a_stale_stock_edit_never_gives_back_a_sale(app):
    product = make_product(stock=0)
    variant = add_variant(product, colour="Merah", size="", stock=2)
    from storefront.orders.stock import take_stock

    assert take_stock(product.id, 1, variant.id)
    db.session.commit()
    with pytest.raises(Conflict):
        set_variant_stock(variant, 5, seen=2)
    assert (_stock(ProductVariant, variant.id), _stock(Product, product.id)) == (1, 1)


def test_another_makers_listing_options_are_404(client):
    product = make_product()
    other = make_maker(user=make_user(Role.MAKER, password=None))
    login(client, other.user)
    assert client.get(f"/maker/listings/{product.id}/variants").status_code == 404


def test_the_product_page_offers_each_option_and_marks_a_sold_out_one(client):
    product, red, blue = _bag(red=0, blue=1)
    page = client.get(f"/products/{product.slug}", headers={"Accept-Language": "en"}).text
    assert f'value="{blue.id}"' in page and "Rp175.000" in page
    assert f'id="variant-{red.id}" disabled' in page
    assert f'id="variant-{blue.id}" required' in page
    assert "sold out" in page
