"""In a production-config app every cookie the shop sets is "__Host-" prefixed, Secure, for
Path=/ and without Domain, so no other host or plain-http page can plant or read it."""

import pytest

from config import ProductionConfig
from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, cart_add, checkout_post, make_product, make_user

HTTPS = "https://shop.example"


SHARED = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "UPLOAD_DIR", "MAIL_DIR")


def production_test_config(app) -> type:
    """ProductionConfig as shipped, on the test app's database, with the test gateway."""
    return type(
        "ProductionTestConfig",
        (ProductionConfig,),
        {
            **{name: app.config[name] for name in SHARED},
            "SECRET_KEY": "a-production-like-secret-of-forty-chars!",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_STORAGE_URI": "memory://",
            "ALLOW_TEST_GATEWAY": True,
            "MAIL_TRANSPORT": "file",
            "STRIPE_SECRET_KEY": None,
            "STRIPE_PUBLISHABLE_KEY": None,
            "STRIPE_WEBHOOK_SECRET": None,
        },
    )


@pytest.fixture
def production_client(app, build_app, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = build_app(production_test_config(app))
    app.test_client_class = IsolatedClient
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def set_cookies(response) -> list[str]:
    return [value for key, value in response.headers.items() if key == "Set-Cookie"]


def walk_the_shop(client) -> list[str]:
    """A buyer's visit: add to cart, switch language, sign in (keep me signed in), check out,
    sign out; returns every Set-Cookie header of it."""
    product = make_product()
    user = make_user(email="ani@example.com")
    responses = [
        cart_add(client, product),
        client.post("/language", data={"lang": "en", "next": "/"}),
        client.post(
            "/login", data={"identifier": user.email, "password": PASSWORD, "remember": "y"}
        ),
        cart_add(client, product),
        client.get("/checkout"),
        checkout_post(client),
        client.post("/logout"),
    ]
    assert [r.status_code for r in responses] == [302, 302, 302, 302, 200, 302, 302]
    return [cookie for response in responses for cookie in set_cookies(response)]


def test_every_cookie_is_host_prefixed_secure_path_root_without_domain(production_client):
    cookies = walk_the_shop(production_client)
    names = {cookie.split("=", 1)[0] for cookie in cookies}
    assert {"__Host-session", "__Host-remember_token", "__Host-cart", "__Host-lang"} <= names
    for cookie in cookies:
        attributes = [part.strip().lower() for part in cookie.split(";")]
        assert cookie.startswith("__Host-"), cookie
        assert "secure" in attributes, cookie
        assert "path=/" in attributes, cookie
        assert not any(a.startswith("domain=") for a in attributes), cookie


def test_prefixed_cookies_are_read_back(production_client):
    product = make_product(title_en="Pandan Basket")
    cart_add(production_client, product)
    production_client.post("/language", data={"lang": "en", "next": "/cart"})
    page = production_client.get("/cart").get_data(as_text=True)
    assert '<html lang="en"' in page and "Pandan Basket" in page


def test_sign_in_and_out_keep_working_with_prefixed_cookies(production_client):
    user = make_user(email="ani@example.com")
    data = {"identifier": user.email, "password": PASSWORD, "remember": "y"}
    production_client.post("/login", data=data)
    assert production_client.get("/account/").status_code == 200
    production_client.post("/logout")
    assert production_client.get_cookie("__Host-remember_token") is None
    assert production_client.get("/account/").status_code == 302


def test_production_cookie_names_start_with_host_prefix():
    assert ProductionConfig.SESSION_COOKIE_NAME.startswith("__Host-")
    assert ProductionConfig.REMEMBER_COOKIE_NAME.startswith("__Host-")
    assert ProductionConfig.COOKIE_PREFIX == "__Host-"
