"""Real-browser fixtures: the app served on a free port, Debian's chromium driven by Playwright.

Use: `def test_x(live_server, page): page.goto(live_server + "/")` (a 360x740 phone viewport),
or `browser` to open more contexts. Screenshots go to tests/browser/screenshots/.
"""

import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tests.conftest import closing_wsgi

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def live_server(app):
    """Serve `app` (same database as the test) on 127.0.0.1:<free port>; yields the base URL."""
    app.config["WTF_CSRF_ENABLED"] = True  # the browser posts real forms with real tokens
    server = make_server("127.0.0.1", 0, closing_wsgi(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """`new_page(locale="id", viewport=PHONE)` opens a fresh context (its own cookies)."""
    contexts = []

    def _open(locale: str = "id-ID", viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or PHONE, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A phone-sized page in Indonesian."""
    return new_page()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/browser/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_violations(page) -> list[dict]:
    """axe-core violations of impact serious or critical on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [v for v in result.response["violations"] if v.get("impact") in {"serious", "critical"}]
