"""Server-side sessions: sign-out, a new password and deactivation end a session everywhere, so
copied cookies stop working; "keep me signed in" does not survive sign-out."""

from datetime import timedelta

import pytest

from config import TestConfig
from storefront.auth.models import Role, UserSession
from storefront.auth.tokens import Purpose, make_token
from storefront.extensions import db
from tests.conftest import login
from tests.factories import PASSWORD, make_maker, make_user

COOKIES = ("session", "remember_token")
NEW_PASSWORD = "another-horse-77"


def sign_in(client, user, remember=True):
    data = {"identifier": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302
    return response


def copied_cookies(client) -> dict[str, str]:
    """What someone copying this browser's cookies would take away."""
    return {name: c.value for name in COOKIES if (c := client.get_cookie(name)) is not None}


def replay(app, cookies, url):
    """A new browser holding only the copied cookies (one of them, or all)."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief.get(url)


def set_cookie_headers(response, name):
    return [v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith(name)]


@pytest.fixture
def maker_user():
    return make_maker(with_user=True).user


@pytest.mark.parametrize("which", [COOKIES, ("session",), ("remember_token",)])
def test_cookies_copied_before_sign_out_do_not_work_after_it(app, client, maker_user, which):
    sign_in(client, maker_user)
    cookies = copied_cookies(client)
    assert set(cookies) == set(COOKIES)
    assert replay(app, cookies, "/maker/").status_code == 200
    client.post("/logout")
    response = replay(app, {name: cookies[name] for name in which}, "/maker/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_sign_out_with_keep_me_signed_in_clears_the_remember_cookie(client, maker_user):
    sign_in(client, maker_user, remember=True)
    response = client.post("/logout")
    (cleared,) = set_cookie_headers(response, "remember_token=")
    assert "Expires=Thu, 01 Jan 1970" in cleared or "Max-Age=0" in cleared
    assert client.get_cookie("remember_token") is None
    assert client.get("/maker/").status_code == 302  # not signed in again at once


def test_sign_out_ends_only_this_browser(app, client, maker_user):
    phone = app.test_client()
    sign_in(phone, maker_user)
    sign_in(client, maker_user)
    client.post("/logout")
    assert phone.get("/maker/").status_code == 200


def test_keep_me_signed_in_survives_losing_the_session_cookie(app, client, maker_user):
    sign_in(client, maker_user, remember=True)
    remember_only = {"remember_token": client.get_cookie("remember_token").value}
    assert replay(app, remember_only, "/maker/").status_code == 200


def test_new_password_from_another_browser_ends_her_sessions(app, client, maker_user):
    sign_in(client, maker_user)
    cookies = copied_cookies(client)
    other = app.test_client()
    url = f"/password/reset/{make_token(maker_user, Purpose.RESET)}"
    response = other.post(url, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/maker/").status_code == 302
    assert replay(app, cookies, "/maker/").status_code == 302
    assert other.get("/maker/").status_code == 200  # the browser that set it has a new session


def test_deactivation_ends_her_sessions_and_their_copies(app, client, maker_user):
    sign_in(client, maker_user)
    cookies = copied_cookies(client)
    admin = app.test_client()
    login(admin, make_user(Role.ADMIN))
    admin.post(f"/admin/users/{maker_user.id}/deactivate")
    assert client.get("/maker/").status_code == 302
    assert replay(app, cookies, "/maker/").status_code == 302
    assert (
        db.session.scalar(db.select(UserSession.id).where(UserSession.user_id == maker_user.id))
        is None
    )


def test_ended_session_cookie_is_dropped_by_the_browser(app, client, maker_user):
    sign_in(client, maker_user, remember=True)
    cookies = copied_cookies(client)
    client.post("/logout")
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    response = thief.get("/account/")
    assert set_cookie_headers(response, "remember_token=")  # deleted
    assert thief.get_cookie("remember_token") is None


def test_session_row_keeps_only_a_hash_of_the_token(client, maker_user):
    sign_in(client, maker_user)
    token = _session_token(client)
    row = db.session.scalar(db.select(UserSession))
    assert token not in row.token_hash and len(row.token_hash) == 64


def _session_token(client) -> str:
    with client.session_transaction() as session:
        return session["_user_id"].partition(":")[2]


def _updates_of_user_session(statements) -> int:
    return sum(1 for s in statements if s.lstrip().upper().startswith("UPDATE USER_SESSION"))


def test_last_seen_is_written_at_most_once_a_minute(client, maker_user, count_queries):
    sign_in(client, maker_user)
    with count_queries() as counter:
        for _ in range(3):
            assert client.get("/maker/").status_code == 200
    assert _updates_of_user_session(counter.statements) == 0
    row = db.session.scalar(db.select(UserSession))
    row.last_seen_at = row.last_seen_at - timedelta(minutes=2)
    db.session.commit()
    with count_queries() as counter:
        client.get("/maker/")
        client.get("/maker/")
    assert _updates_of_user_session(counter.statements) == 1


def test_idle_session_ends_on_the_server_too(app, client, maker_user):
    sign_in(client, maker_user, remember=False)
    cookies = copied_cookies(client)
    row = db.session.scalar(db.select(UserSession))
    row.last_seen_at = row.last_seen_at - app.config["PERMANENT_SESSION_LIFETIME"] * 2
    db.session.commit()
    assert replay(app, cookies, "/maker/").status_code == 302


def test_sign_out_on_one_app_instance_ends_the_session_on_another(app, build_app, maker_user):
    """Several servers behind a load balancer: the session lives in the database."""
    shared = {n: app.config[n] for n in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SECRET_KEY")}
    other_app = build_app(
        type("SecondInstance", (TestConfig,), {**shared, "WTF_CSRF_ENABLED": False})
    )
    first, second = app.test_client(), other_app.test_client()
    sign_in(first, maker_user)
    cookies = copied_cookies(first)
    for name, value in cookies.items():
        second.set_cookie(name, value)
    assert second.get("/maker/").status_code == 200
    assert second.post("/logout").status_code == 302
    assert first.get("/maker/").status_code == 302


def test_prune_sessions_deletes_only_expired_ones(app, runner, maker_user):
    login(app.test_client(), maker_user)
    login(app.test_client(), maker_user)
    old = db.session.scalars(db.select(UserSession)).first()
    old.created_at = old.created_at - timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"] + 1)
    db.session.commit()
    result = runner.invoke(args=["prune-sessions"])
    assert "Deleted 1 session(s)." in result.output
    assert db.session.scalar(db.select(db.func.count(UserSession.id))) == 1
