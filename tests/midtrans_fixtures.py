"""The fake Midtrans (tests/fake_midtrans.py) served on a free port, the app switched to it, and a
socket that accepts connections and never answers (a payment API that hangs)."""

import socket
import threading
import time

import pytest
from werkzeug.serving import make_server

from tests.fake_midtrans import CLIENT_KEY, SERVER_KEY, FakeMidtrans

NOTIFICATION_PATH = "/payments/midtrans/notification"


@pytest.fixture(scope="session")
def _midtrans_server():
    fake = FakeMidtrans()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    yield fake
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def fake_midtrans(_midtrans_server):
    """The fake, emptied for this test."""
    fake = _midtrans_server
    fake.transactions.clear()
    fake.requests.clear()
    fake.idempotent.clear()
    fake.refuse_refunds.clear()
    fake.deliver = None
    fake.notification_url = ""
    yield fake
    fake.deliver = None


def _switch(app, settings):
    saved = {name: app.config.get(name) for name in settings}
    app.config.update(settings)
    app.extensions.pop("storefront.gateway", None)
    app.extensions.pop("storefront.gateways.extra", None)
    return saved


@pytest.fixture
def midtrans_config(app, fake_midtrans):
    """The app talks to the fake Midtrans for this test only."""
    settings = {
        "MIDTRANS_SERVER_KEY": SERVER_KEY,
        "MIDTRANS_CLIENT_KEY": CLIENT_KEY,
        "MIDTRANS_API_BASE": fake_midtrans.base_url,
        "MIDTRANS_TIMEOUT_SECONDS": 10,
    }
    saved = _switch(app, settings)
    yield settings
    _switch(app, saved)


@pytest.fixture
def notify_client(client, fake_midtrans):
    """The fake delivers its notifications through the test client (answers: status codes)."""
    fake_midtrans.deliver = lambda body: (
        client.post(NOTIFICATION_PATH, data=body, content_type="application/json").status_code
    )
    return client


@pytest.fixture
def hanging_api():
    """A server that accepts every connection and never answers; yields its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)  # read nothing, answer nothing

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    for conn in held:
        conn.close()
    listener.close()
    time.sleep(0)


def place_order_for(*prices_idr: int, stock: int = 1):
    """A pending order (pick-up) placed through checkout with the app's primary gateway."""
    from tests.factories import place_pickup_order

    return place_pickup_order(*prices_idr, stock=stock)
