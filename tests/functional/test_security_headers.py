"""Security headers on every response, and the session cookie flags."""

import pytest

from tests.conftest import login
from tests.factories import PASSWORD, make_user


@pytest.mark.parametrize("url", ["/", "/login", "/no-such-page", "/healthz"])
def test_security_headers_are_on_every_response(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "script-src 'self' 'nonce-" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_each_response_gets_a_new_csp_nonce(client):
    first = client.get("/login").headers["Content-Security-Policy"]
    second = client.get("/login").headers["Content-Security-Policy"]
    assert first != second


def test_hsts_is_sent_when_enabled_as_in_production(app, client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    app.config["HSTS"] = True
    try:
        assert "max-age=31536000" in client.get("/").headers["Strict-Transport-Security"]
    finally:
        app.config["HSTS"] = False


def test_production_config_marks_cookies_secure():
    from config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE
    assert ProductionConfig.HSTS


def test_session_cookie_is_httponly_and_samesite_lax(client):
    make_user(email="ani@example.com")
    response = client.post("/login", data={"identifier": "ani@example.com", "password": PASSWORD})
    cookie = next(
        v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_signed_in_pages_are_not_cached(client):
    login(client, make_user())
    assert client.get("/account/").headers["Cache-Control"] == "no-store"
