"""Configuration, error pages and the WSGI entry point."""

import pytest
from werkzeug.exceptions import TooManyRequests

from config import ProductionConfig
from storefront import create_app

EN = {"Accept-Language": "en"}


def production_config(app, **settings) -> type:
    """ProductionConfig on the test app's database, with `settings` on top."""
    shared = {name: app.config[name] for name in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR")}
    mail = {"MAIL_TRANSPORT": "file"}  # the explicit choice production needs without SMTP
    return type("ProductionTestConfig", (ProductionConfig,), {**shared, **mail, **settings})


GOOD_SECRET = "a-production-like-secret-of-forty-chars!"


def test_production_refuses_to_start_without_secret_key_and_database(app):
    config = production_config(
        app, SECRET_KEY=None, SQLALCHEMY_DATABASE_URI=None, ALLOW_TEST_GATEWAY=True
    )
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set") as refused:
        create_app(config)
    assert "DATABASE_URL is not set" in str(refused.value)


def test_production_refuses_to_start_without_stripe_keys(app):
    """Without Stripe the shop would use the test gateway, where buyers mark orders paid."""
    config = production_config(
        app, SECRET_KEY=GOOD_SECRET, STRIPE_SECRET_KEY=None, STRIPE_PUBLISHABLE_KEY=None
    )
    with pytest.raises(RuntimeError, match="STRIPE_SECRET_KEY"):
        create_app(config)


def test_production_refuses_to_start_in_debug_mode(app, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")  # what `flask run --debug` sets
    config = production_config(app, SECRET_KEY=GOOD_SECRET, ALLOW_TEST_GATEWAY=True)
    with pytest.raises(RuntimeError, match="debug mode is on"):
        create_app(config)


def test_production_refuses_the_published_development_key(app):
    config = production_config(app, SECRET_KEY="dev-only-not-secret", ALLOW_TEST_GATEWAY=True)
    with pytest.raises(RuntimeError, match="published development key"):
        create_app(config)


def test_production_starts_with_its_settings(app, build_app, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    # ALLOW_TEST_GATEWAY: an explicit choice, e.g. for a staging copy
    prod = build_app(production_config(app, SECRET_KEY=GOOD_SECRET, ALLOW_TEST_GATEWAY=True))
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["SESSION_COOKIE_NAME"] == "__Host-session"
    response = prod.test_client().get("/healthz")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_production_refuses_to_start_without_a_mail_transport(app):
    config = production_config(
        app, SECRET_KEY=GOOD_SECRET, ALLOW_TEST_GATEWAY=True, MAIL_TRANSPORT=None, MAIL_SERVER=None
    )
    with pytest.raises(RuntimeError, match="no mail transport"):
        create_app(config)


def test_wsgi_module_exposes_the_app():
    import wsgi

    assert wsgi.app.name == "storefront"


@pytest.mark.parametrize(
    ("code", "english", "indonesian"),
    [
        (404, "Page not found", "Halaman tidak ditemukan"),
        (405, "That action is not allowed here", "Tindakan itu tidak diizinkan di sini"),
    ],
)
def test_error_pages_in_both_languages(client, code, english, indonesian):
    url = "/missing" if code == 404 else "/healthz"
    method = client.get if code == 404 else client.post
    assert english in method(url, headers=EN).get_data(as_text=True)
    response = method(url)
    assert response.status_code == code
    assert indonesian in response.get_data(as_text=True)


def test_413_when_the_upload_is_too_large(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/language", data={"lang": "x" * 5000}, headers=EN)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 60 * 1024 * 1024
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


@pytest.fixture
def fresh_app(build_app):
    """A second app instance to which a test may add routes before its first request."""
    from tests.conftest import _Config

    return build_app(_Config)


def test_500_page_is_friendly_and_rolls_back(fresh_app):
    @fresh_app.get("/_boom_for_test")
    def boom():
        raise RuntimeError("boom")

    response = fresh_app.test_client().get("/_boom_for_test")
    assert response.status_code == 500
    assert "Ada masalah di sistem kami" in response.get_data(as_text=True)


def test_429_page_keeps_retry_after(fresh_app):
    @fresh_app.get("/_limited_for_test")
    def limited():
        raise TooManyRequests(retry_after=30)

    response = fresh_app.test_client().get("/_limited_for_test", headers=EN)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "30"
    assert "Too many attempts" in response.get_data(as_text=True)


def test_security_headers_on_public_pages(client):
    response = client.get("/products")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp  # no inline script
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
