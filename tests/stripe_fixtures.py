"""localstripe (a stateful Stripe emulator) on a free port, and the app served to it as a live site.

`localstripe` (session): the emulator's base URL. `stripe_config` switches the app to Stripe for one
test. `stripe_site` also serves the app on a free port and registers its webhook URL in localstripe;
after the test the webhook points at a dead address, so late deliveries cannot reach the next test.
Helpers sign events like Stripe does, to replay or forge deliveries through the real endpoint.
"""

import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import stripe
from werkzeug.serving import make_server

from tests.conftest import closing_wsgi

LAUNCHER = Path(__file__).parent / "localstripe_launcher.py"
SECRET_KEY = "sk_test_localstripe"
PUBLISHABLE_KEY = "pk_test_localstripe"
WEBHOOK_SECRET = "whsec_test_localstripe"
EVENTS = (
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "charge.refunded",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"localstripe exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("localstripe did not start")


@pytest.fixture(scope="session")
def localstripe():
    """A private localstripe for this test run; yields its base URL."""
    port = _free_port()
    state = tempfile.mkdtemp(prefix="localstripe-")
    log = open(Path(state) / "localstripe.log", "wb")  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "--state", state, "--port", str(port), "--from-scratch"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://localhost:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def stripe_config(app, localstripe):
    """The app talks to localstripe for this test only (other tests keep the test gateway)."""
    settings = {
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": localstripe,
        "STRIPE_JS_URL": f"{localstripe}/js.stripe.com/v3/",
    }
    saved = {name: app.config.get(name) for name in settings}
    app.config.update(settings)
    app.extensions.pop("storefront.gateway", None)  # the registry keeps the gateway it made
    yield settings
    app.config.update(saved)
    app.extensions.pop("storefront.gateway", None)


def register_webhook(localstripe_url: str, url: str) -> None:
    data = [("url", url), ("secret", WEBHOOK_SECRET)] + [("events[]", e) for e in EVENTS]
    response = requests.post(f"{localstripe_url}/_config/webhooks/shop", data=data, timeout=5)
    response.raise_for_status()


@dataclass
class StripeSite:
    url: str  # the app, served on a free port
    localstripe: str

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/payments/stripe/webhook"

    def api(self, method: str, path: str, **data) -> dict:
        """Call localstripe's API directly, as Stripe's dashboard or Stripe.js would."""
        response = requests.request(
            method, f"{self.localstripe}{path}", data=data, auth=(SECRET_KEY, ""), timeout=5
        )
        return response.json()


@pytest.fixture
def live_app(app):
    """The app served by a threaded server on 127.0.0.1:<free port>."""
    server = make_server("127.0.0.1", 0, closing_wsgi(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


_quiet_since = [0.0]  # when the webhook last stopped pointing at a test's server


@contextmanager
def webhook_to(localstripe_url: str, app_url: str):
    """Deliver localstripe's webhooks to `app_url` for the duration of the block. localstripe sends
    each event about 1 s after it happens, to whatever URL is registered then: wait until the last
    test's late events have gone to the dead address, so none reaches this test's server."""
    time.sleep(max(0.0, _quiet_since[0] + 1.5 - time.monotonic()))
    register_webhook(localstripe_url, f"{app_url}/payments/stripe/webhook")
    try:
        yield
    finally:
        register_webhook(localstripe_url, f"http://127.0.0.1:{_free_port()}/gone")
        _quiet_since[0] = time.monotonic()


@pytest.fixture
def stripe_site(stripe_config, live_app, localstripe):
    with webhook_to(localstripe, live_app):
        yield StripeSite(url=live_app, localstripe=localstripe)


def signed_headers(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    """A Stripe-Signature header exactly as Stripe computes it (HMAC-SHA256 of "t.payload")."""
    header = stripe.WebhookSignature.generate_signature_header(
        payload, secret, timestamp=timestamp or int(time.time())
    )
    return {"Stripe-Signature": header, "Content-Type": "application/json"}


def make_event(event_type: str, obj: dict, *, event_id: str | None = None) -> str:
    """A Stripe event payload (JSON text) around `obj`."""
    event = {
        "id": event_id or f"evt_test_{time.monotonic_ns()}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }
    return json.dumps(event)


def wait_until(predicate, timeout: float = 8.0, interval: float = 0.1):
    """Poll `predicate` until it returns something truthy (webhooks arrive about 1 s later)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


def succeeded_intent(order, **overrides) -> dict:
    """The PaymentIntent of `order` as Stripe reports it once paid (override any field)."""
    intent = {
        "id": order.payment_reference,
        "object": "payment_intent",
        "amount": order.total_idr * 100,
        "currency": "idr",
        "status": "succeeded",
        "metadata": {"order_id": str(order.id), "order_number": order.number},
    }
    return {**intent, **overrides}


def place_stripe_order(*prices_idr: int, stock: int = 1):
    """A pending order placed through checkout (which creates its PaymentIntent in localstripe)."""
    from tests.factories import place_pickup_order

    return place_pickup_order(*prices_idr, stock=stock)
