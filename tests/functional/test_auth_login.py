"""Sign-in, sign-out and the session rules."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from storefront.auth.models import Role, UserSession
from storefront.extensions import db
from tests.conftest import login
from tests.factories import PASSWORD, make_maker, make_user


def post_login(client, identifier, password=PASSWORD, next_url=None, **extra):
    url = "/login" + (f"?next={next_url}" if next_url is not None else "")
    data = {"identifier": identifier, "password": password, **extra}
    return client.post(url, data=data, headers={"Accept-Language": "en"})


def signed_in_user_id(client):
    """The user id the session cookie names (it carries "id:session token")."""
    with client.session_transaction() as session:
        value = session.get("_user_id")
    return int(value.partition(":")[0]) if value else None


def test_sign_in_by_email_lands_customer_on_the_shop(client):
    user = make_user(email="ani@example.com")
    response = post_login(client, "  ANI@example.com ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in_user_id(client) == user.id


@pytest.mark.parametrize(
    "written",
    ["081234567890", "0812-3456-7890", "62 812 3456 7890", "+62 812-3456-7890", "+6281234567890"],
)
def test_sign_in_by_phone_accepts_every_usual_way_of_writing_it(client, written):
    maker = make_maker(with_user=True)
    maker.user.phone, maker.user.email = "+6281234567890", None
    db.session.commit()
    response = post_login(client, written)
    assert response.headers["Location"] == "/maker/"
    assert signed_in_user_id(client) == maker.user.id


def test_admin_lands_on_the_admin_home(client):
    make_user(Role.ADMIN, email="boss@example.com")
    assert post_login(client, "boss@example.com").headers["Location"] == "/admin/"


def test_wrong_password_and_unknown_account_give_the_same_generic_error(client):
    make_user(email="ani@example.com")
    wrong = post_login(client, "ani@example.com", "not-her-password")
    unknown = post_login(client, "nobody@example.com", "not-her-password")
    assert wrong.status_code == unknown.status_code == 200
    assert b"Wrong email, phone number or password." in wrong.data
    assert wrong.data.count(b"Wrong email") == unknown.data.count(b"Wrong email") == 1
    assert signed_in_user_id(client) is None


def test_deactivated_user_cannot_sign_in(client):
    make_user(email="off@example.com", is_enabled=False)
    response = post_login(client, "off@example.com")
    assert response.status_code == 200
    assert b"switched off" in response.data
    assert signed_in_user_id(client) is None


def test_sign_in_starts_a_fresh_session(client):
    make_user(email="ani@example.com")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    post_login(client, "ani@example.com")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.permanent is True


def test_remember_me_is_optional(client):
    make_user(email="ani@example.com")
    post_login(client, "ani@example.com")
    assert client.get_cookie("remember_token") is None
    client.post("/logout")
    post_login(client, "ani@example.com", remember="y")
    assert client.get_cookie("remember_token") is not None


def _age_session(user, **ago) -> None:
    row = db.session.scalar(db.select(UserSession).where(UserSession.user_id == user.id))
    row.created_at = row.created_at - timedelta(**ago)
    db.session.commit()


def test_session_older_than_the_absolute_lifetime_ends(app, client):
    user = make_user()
    login(client, user)
    _age_session(user, hours=app.config["SESSION_ABSOLUTE_HOURS"], seconds=5)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert db.session.scalar(db.select(UserSession.id)) is None


def test_session_within_the_absolute_lifetime_continues(client):
    user = make_user()
    login(client, user)
    _age_session(user, seconds=60)
    assert client.get("/account/").status_code == 200


def test_old_password_hash_is_upgraded_at_sign_in(client):
    weak_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    user = make_user(email="ani@example.com", password=None)
    user.password_hash = weak_hasher.hash(PASSWORD)
    db.session.commit()
    post_login(client, "ani@example.com")
    db.session.refresh(user)
    assert "m=19456,t=2,p=1" in user.password_hash


def test_signed_in_user_visiting_login_goes_to_her_home(client):
    maker = make_maker(with_user=True)
    login(client, maker.user)
    assert client.get("/login").headers["Location"] == "/maker/"


def test_sign_out_is_post_only_and_ends_the_session(client):
    user = make_user()
    login(client, user)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert signed_in_user_id(client) is None
    assert client.get("/account/").status_code == 302


def test_protected_page_sends_anonymous_visitor_to_sign_in_with_next(client):
    response = client.get("/account/orders")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Faccount%2Forders"
