"""CSRF on every form (400 with a clear page) and POST-only routes refusing GET (405)."""

import re

import pytest

from tests.factories import PASSWORD, make_user


def csrf_token_from(client, url="/login") -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_sign_in_without_csrf_token_is_refused_with_400(csrf_app):
    make_user(email="ani@example.com")
    client = csrf_app.test_client()
    response = client.post(
        "/login",
        data={"identifier": "ani@example.com", "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert b"This form has expired or came from another page" in response.data


def test_csrf_token_from_another_session_is_refused_with_400(csrf_app):
    make_user(email="ani@example.com")
    attacker = csrf_app.test_client()
    foreign = csrf_token_from(attacker)
    victim = csrf_app.test_client()
    victim.get("/login")
    response = victim.post(
        "/login",
        data={"identifier": "ani@example.com", "password": PASSWORD, "csrf_token": foreign},
    )
    assert response.status_code == 400


def test_sign_in_with_its_own_csrf_token_works(csrf_app):
    make_user(email="ani@example.com")
    client = csrf_app.test_client()
    token = csrf_token_from(client)
    response = client.post(
        "/login", data={"identifier": "ani@example.com", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_sign_out_without_csrf_token_is_refused(csrf_app):
    from tests.conftest import login

    user = make_user()
    client = csrf_app.test_client()
    login(client, user)
    assert client.post("/logout").status_code == 400
    assert client.get("/account/").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/logout", "/admin/users/1/link", "/admin/users/1/deactivate", "/admin/users/1/reactivate"],
)
def test_get_on_a_post_only_route_gives_405(client, url):
    assert client.get(url).status_code == 405
