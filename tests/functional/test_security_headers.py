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
    # No inline script on these pages, so no nonce: the same header for every visitor.
    assert "script-src 'self';" in csp and "nonce-" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_page_with_an_inline_script_gets_a_new_csp_nonce_each_time(build_app):
    from flask import render_template_string

    from tests.conftest import _Config

    other = build_app(_Config)
    other.add_url_rule(
        "/nonce-probe",
        "nonce_probe",
        lambda: render_template_string('<script nonce="{{ csp_nonce() }}"></script>'),
    )
    client = other.test_client()
    first, second = client.get("/nonce-probe"), client.get("/nonce-probe")
    nonce = first.get_data(as_text=True).split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in first.headers["Content-Security-Policy"]
    assert first.headers["Content-Security-Policy"] != second.headers["Content-Security-Policy"]


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


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split("; ")}


@pytest.fixture
def stripe_keys(app):
    """Stripe configured as in production (real Stripe, not a local stand-in)."""
    settings = {
        "STRIPE_SECRET_KEY": "sk_live_51abc",
        "STRIPE_PUBLISHABLE_KEY": "pk_live_51abc",
        "STRIPE_WEBHOOK_SECRET": "whsec_abc",
        "STRIPE_API_BASE": None,
        "STRIPE_JS_URL": "https://js.stripe.com/v3/",
    }
    saved = {name: app.config.get(name) for name in settings}
    app.config.update(settings)
    yield
    app.config.update(saved)
    app.extensions.pop("storefront.gateway", None)


@pytest.mark.parametrize("url", ["/", "/login", "/cart"])
def test_csp_with_stripe_allows_exactly_stripes_documented_hosts(client, stripe_keys, url):
    policy = directives(client.get(url).headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "https://js.stripe.com"]
    assert policy["frame-src"] == ["'self'", "https://js.stripe.com", "https://hooks.stripe.com"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    others = {
        k: v for k, v in policy.items() if k not in ("script-src", "frame-src", "connect-src")
    }
    assert not any("stripe" in source for sources in others.values() for source in sources)


def test_csp_with_the_test_gateway_names_no_stripe_host(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "stripe" not in csp
    policy = directives(csp)
    assert policy["frame-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
