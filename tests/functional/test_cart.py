"""The cart: guests and customers, quantities checked, prices and stock re-read from the DB."""

import pytest

from storefront.cart.models import Cart, CartLine
from storefront.catalog.models import ListingStatus
from storefront.extensions import db
from tests.factories import cart_add, make_product, make_user


def lines():
    return db.session.scalars(db.select(CartLine)).all()


def test_guest_can_add_a_product_and_see_it_in_the_cart(client):
    product = make_product(price_idr=120_000)
    response = cart_add(client, product, 2)
    assert response.status_code == 302
    page = client.get("/cart").get_data(as_text=True)
    assert product.title_id in page
    assert "Rp240.000" in page


def test_guest_cart_cookie_is_signed_so_a_forged_one_finds_no_cart(client):
    cart_add(client, make_product())
    client.set_cookie("cart", "forged-token")
    assert "Rp150.000" not in client.get("/cart").get_data(as_text=True)


def test_cart_count_shows_in_the_navigation(client):
    cart_add(client, make_product(stock=5), 3)
    assert "(3)" in client.get("/cart").get_data(as_text=True)


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "1.5", "٣", "", "11", "99999"])
def test_bad_quantity_is_refused_with_a_message_and_the_cart_unchanged(client, quantity):
    product = make_product(stock=20, is_made_to_order=False)
    cart_add(client, product, 1)
    response = cart_add(client, product, quantity)
    assert response.status_code == 400
    assert "flash-error" in response.get_data(as_text=True)
    db.session.expire_all()
    assert [line.quantity for line in lines()] == [1]


def test_quantity_above_stock_is_refused(client):
    product = make_product(stock=2)
    response = cart_add(client, product, 3)
    assert response.status_code == 400
    assert lines() == []


def test_adding_twice_cannot_exceed_the_stock(client):
    product = make_product(stock=2)
    cart_add(client, product, 2)
    assert cart_add(client, product, 1).status_code == 400
    db.session.expire_all()
    assert lines()[0].quantity == 2


def test_made_to_order_is_capped_by_the_line_cap_only(client):
    product = make_product(stock=0, is_made_to_order=True)
    assert cart_add(client, product, 10).status_code == 302
    assert cart_add(client, product, 1).status_code == 400


def test_unknown_or_hidden_product_cannot_be_added(client):
    draft = make_product(status=ListingStatus.DRAFT)
    assert cart_add(client, draft).status_code == 404
    response = client.post("/cart/add", data={"product_id": "x1", "quantity": "1"})
    assert response.status_code == 404
    assert lines() == []


def test_sold_out_product_cannot_be_added(client):
    assert cart_add(client, make_product(stock=0)).status_code == 404


def test_update_changes_the_quantity(client):
    product = make_product(stock=5)
    cart_add(client, product, 1)
    line = lines()[0]
    client.post("/cart/update", data={"line_id": str(line.id), "quantity": "4"})
    db.session.expire_all()
    assert lines()[0].quantity == 4


def test_update_with_a_bad_quantity_leaves_the_cart_unchanged(client):
    product = make_product(stock=5)
    cart_add(client, product, 2)
    line = lines()[0]
    response = client.post("/cart/update", data={"line_id": str(line.id), "quantity": "2x"})
    assert response.status_code == 400
    db.session.expire_all()
    assert lines()[0].quantity == 2


def test_remove_takes_the_line_out(client):
    cart_add(client, make_product())
    client.post("/cart/remove", data={"line_id": str(lines()[0].id)})
    assert lines() == []


def test_another_visitor_cannot_touch_my_cart_lines(client, app):
    cart_add(client, make_product())
    line_id = lines()[0].id
    other = app.test_client()
    cart_add(other, make_product())
    response = other.post("/cart/remove", data={"line_id": str(line_id)})
    assert response.status_code == 404
    assert db.session.get(CartLine, line_id) is not None


def test_dearer_product_is_flagged_and_blocks_checkout(client):
    product = make_product(price_idr=100_000)
    cart_add(client, product)
    product.price_idr = 130_000
    db.session.commit()
    page = client.get("/cart").get_data(as_text=True)
    assert "Rp100.000" in page and "Rp130.000" in page
    assert client.get("/checkout").status_code == 302


def test_updating_a_dearer_line_accepts_the_new_price(client):
    product = make_product(price_idr=100_000)
    cart_add(client, product)
    product.price_idr = 130_000
    db.session.commit()
    client.post("/cart/update", data={"line_id": str(lines()[0].id), "quantity": "1"})
    assert client.get("/checkout").status_code == 200


def test_unavailable_product_is_flagged_in_the_cart(client):
    product = make_product()
    cart_add(client, product)
    product.status = ListingStatus.ARCHIVED
    db.session.commit()
    page = client.get("/cart").get_data(as_text=True)
    assert "cart-line-flagged" in page
    assert "/checkout" not in page.split("cart-subtotal")[1]


def test_signed_in_customer_has_a_cart_of_her_own(client, login_as):
    user = make_user()
    login_as(user)
    cart_add(client, make_product())
    cart = db.session.scalar(db.select(Cart))
    assert cart.user_id == user.id


def test_guest_cart_merges_into_the_account_cart_on_login(app, client):
    from flask_login import login_user

    user = make_user()
    product = make_product(stock=5)
    other_product = make_product(stock=5)
    own = Cart(token="own-cart-token", user_id=user.id)
    own.lines.append(CartLine(product_id=product.id, quantity=1, seen_price_idr=150_000))
    db.session.add(own)
    db.session.commit()
    cart_add(client, product, 2)
    cart_add(client, other_product, 1)
    cookie = client.get_cookie("cart").value
    with app.test_request_context(headers={"Cookie": f"cart={cookie}"}):
        login_user(user)
    db.session.expire_all()
    carts = db.session.scalars(db.select(Cart)).all()
    assert len(carts) == 1
    assert sorted((x.product_id, x.quantity) for x in carts[0].lines) == [
        (product.id, 3),
        (other_product.id, 1),
    ]
