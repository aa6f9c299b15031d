"""Customer registration, the account page and her order list; the create-admin command."""

from storefront.auth.models import Role, User
from storefront.auth.passwords import verify_password
from storefront.extensions import db
from storefront.orders.models import Order
from tests.conftest import login
from tests.factories import make_user


def register(client, **fields):
    data = {
        "name": "Ani",
        "email": "ani@example.com",
        "phone": "",
        "password": "tas-anyaman-9",
        "confirm": "tas-anyaman-9",
        **fields,
    }
    return client.post("/register", data=data)


def test_customer_registers_and_is_signed_in(client):
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "ani@example.com"))
    assert user.role == Role.CUSTOMER
    assert client.get("/account/orders").status_code == 200


def test_registration_refuses_a_common_password(client):
    response = register(client, password="password123", confirm="password123")
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_registration_refuses_a_short_password(client):
    assert register(client, password="abc12", confirm="abc12").status_code == 200
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_registration_refuses_an_email_already_used(client):
    make_user(email="ani@example.com")
    assert register(client, email="Ani@Example.com").status_code == 409


def test_registration_stores_the_phone_number_normalised(client):
    register(client, phone="0812-3456-7890")
    assert db.session.scalar(db.select(User.phone)) == "+6281234567890"


def test_orders_page_shows_an_empty_state(client):
    login(client, make_user())
    response = client.get("/account/orders", headers={"Accept-Language": "en"})
    assert b"You have no orders yet" in response.data


def _order(user, number):
    order = Order(
        number=number,
        token=f"tok-{number}",
        user_id=user.id if user else None,
        contact_name="Ani",
        email="ani@example.com",
        phone="+6281234567890",
        subtotal_idr=150_000,
        shipping_idr=0,
        total_idr=150_000,
    )
    db.session.add(order)
    db.session.commit()
    return order


def test_orders_page_lists_only_her_own_orders(client):
    ani, budi = make_user(), make_user()
    _order(ani, "A-1001")
    _order(budi, "B-2002")
    login(client, ani)
    html = client.get("/account/orders").get_data(as_text=True)
    assert "A-1001" in html and "B-2002" not in html


def test_create_admin_with_password_option(runner):
    result = runner.invoke(
        args=["create-admin", "Boss@Example.com", "--password", "kantor-pusat-1"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "boss@example.com"))
    assert user.role == Role.ADMIN and verify_password(user.password_hash, "kantor-pusat-1")


def test_create_admin_asks_for_the_password_twice(runner):
    result = runner.invoke(
        args=["create-admin", "boss@example.com"], input="kantor-pusat-1\nkantor-pusat-1\n"
    )
    assert result.exit_code == 0, result.output
    assert (
        db.session.scalar(db.select(User.role).where(User.email == "boss@example.com"))
        == Role.ADMIN
    )


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(args=["create-admin", "boss@example.com", "--password", "12345678"])
    assert result.exit_code != 0
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_create_admin_refuses_an_existing_email(runner):
    make_user(email="boss@example.com")
    result = runner.invoke(
        args=["create-admin", "boss@example.com", "--password", "kantor-pusat-1"]
    )
    assert result.exit_code != 0
