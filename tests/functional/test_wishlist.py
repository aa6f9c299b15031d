"""The wishlist: hearts for signed-in customers only (anonymous pages carry none), a POST form,
and the wishlist page says which sold-out items are back."""

from storefront.auth.models import Role
from storefront.extensions import db
from storefront.wishlist.models import WishlistItem
from tests.conftest import login
from tests.factories import make_product, make_user


def test_anonymous_pages_carry_no_hearts(client):
    product = make_product()
    for path in ("/", "/products", f"/products/{product.slug}"):
        page = client.get(path).text
        assert "/wishlist/" not in page and "heart-button" not in page


def test_a_customer_hearts_a_product_and_sees_it_back_when_restocked(client):
    customer = make_user(Role.CUSTOMER)
    login(client, customer)
    product = make_product(stock=0)
    assert "heart-button" in client.get("/products").text
    response = client.post(f"/wishlist/{product.id}", data={"next": "/products"})
    assert response.status_code == 302 and response.location.endswith("/products")
    assert 'aria-pressed="true"' in client.get("/products").text
    assert "badge-back" not in client.get("/account/wishlist").text
    product.stock = 2
    db.session.commit()
    assert "badge-back" in client.get("/account/wishlist").text
    client.post(f"/wishlist/{product.id}")
    assert db.session.scalar(db.select(db.func.count(WishlistItem.id))) == 0


def test_the_next_address_must_be_on_this_site(client):
    login(client, make_user(Role.CUSTOMER))
    product = make_product()
    response = client.post(f"/wishlist/{product.id}", data={"next": "https://evil.example/"})
    assert response.location.endswith("/account/wishlist")


def test_a_hidden_product_cannot_be_hearted(client):
    login(client, make_user(Role.CUSTOMER))
    product = make_product(status="draft")
    assert client.post(f"/wishlist/{product.id}").status_code == 404


def test_the_heart_form_needs_csrf(client, csrf_app):
    login(client, make_user(Role.CUSTOMER))
    product = make_product()
    assert client.post(f"/wishlist/{product.id}").status_code == 400
    assert db.session.scalar(db.select(db.func.count(WishlistItem.id))) == 0


def test_hearts_cost_one_query_whatever_the_number_of_cards(client, count_queries):
    login(client, make_user(Role.CUSTOMER))
    make_product()
    client.get("/products")
    with count_queries() as few:
        client.get("/products")
    for _ in range(6):
        make_product()
    with count_queries() as many:
        client.get("/products")
    assert many.count == few.count
