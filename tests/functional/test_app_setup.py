"""Configuration, error pages and the WSGI entry point."""

import pytest
from werkzeug.exceptions import TooManyRequests

from storefront import create_app

EN = {"Accept-Language": "en"}


def test_production_refuses_to_start_without_secret_key_and_database(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")


def test_production_refuses_to_start_without_stripe_keys(monkeypatch, tmp_path):
    """Without Stripe the shop would use the test gateway, where buyers mark orders paid."""
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ALLOW_TEST_GATEWAY", raising=False)
    with pytest.raises(RuntimeError, match="STRIPE_SECRET_KEY"):
        create_app("production")


def test_production_starts_with_its_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    monkeypatch.setenv("ALLOW_TEST_GATEWAY", "1")  # an explicit choice, e.g. for a staging copy
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/healthz")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


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
def fresh_app():
    """A second app instance to which a test may add routes before its first request."""
    from tests.conftest import _Config

    return create_app(_Config)


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
    assert "frame-ancestors 'none'" in csp and "script-src 'self' 'nonce-" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
