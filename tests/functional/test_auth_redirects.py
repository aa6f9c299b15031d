"""`next=` after sign-in only ever leads to a page of this site."""

from urllib.parse import quote

import pytest

from tests.factories import PASSWORD, make_user

HOSTILE = [
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "https:evil.com",
    "https://evil.com/",
    "http:/evil.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/\t/evil.com",
    "/\n/evil.com",
    "\t//evil.com",
    "java\tscript:alert(1)",
    "/%09/evil.com",
    "/\\/evil.com",
    " //evil.com",
    "evil.com",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_next_after_sign_in_goes_home(client, target):
    make_user(email="ani@example.com")
    response = client.post(
        "/login?next=" + quote(target, safe=""),
        data={"identifier": "ani@example.com", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_local_next_after_sign_in_is_followed(client):
    make_user(email="ani@example.com")
    response = client.post(
        "/login?next=" + quote("/account/orders?page=2", safe=""),
        data={"identifier": "ani@example.com", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/account/orders?page=2"


def test_local_next_with_an_encoded_space_is_followed(client):
    make_user(email="ani@example.com")
    target = "/products?q=tas%20biru"
    response = client.post(
        "/login?next=" + quote(target, safe=""),
        data={"identifier": "ani@example.com", "password": PASSWORD},
    )
    assert response.headers["Location"] == target
