"""Bug 10: every maker hears of every sale in her channel, and the "sold" mail shows her net.

Email if she has one; otherwise a one-tap WhatsApp link on the admin's order page, and a message
through the WhatsApp Cloud API when it is configured (Bahasa Indonesia first)."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from storefront.orders import notify
from tests.factories import make_maker, make_sold_order, make_user

EN = {"Accept-Language": "en"}


def test_sold_mail_shows_her_net_not_the_gross(app):
    maker = make_maker(with_user=True, fee_bps=1000)
    order = make_sold_order([(maker, 100_000, 1, "Tas Biru")])
    notify.order_paid(order)
    from pathlib import Path

    mails = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"), key=lambda p: p.name)
    text = next(m.read_text() for m in mails if maker.user.email in m.read_text())
    assert "Rp90.000" in text  # 100.000 less the 10% fee
    assert "Rp100.000" not in text


def test_maker_without_email_gets_a_whatsapp_link_on_the_admin_order_page(client, login_as):
    user = make_user("maker", email="", phone="+6281299990000")
    maker = make_maker(user=user, fee_bps=1000)
    order = make_sold_order([(maker, 100_000, 2, "Tas Biru")])
    login_as(make_user("admin"))
    page = client.get(f"/admin/orders/{order.id}", headers=EN).text
    assert 'href="https://wa.me/6281299990000?text=' in page
    link = page.split('href="https://wa.me/6281299990000?text=')[1].split('"')[0]
    from urllib.parse import unquote

    text = unquote(link)
    assert "Tas Biru" in text and "Rp180.000" in text  # her net, in her language
    assert "terjual" in text


def test_maker_with_email_is_shown_as_emailed(client, login_as):
    maker = make_maker(with_user=True)
    order = make_sold_order([(maker, 100_000, 1)])
    login_as(make_user("admin"))
    page = client.get(f"/admin/orders/{order.id}", headers=EN).text
    assert "Told by email" in page


class _Graph(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Graph.received.append((self.path, self.headers["Authorization"], json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"messages": [{"id": "wamid.1"}]}')

    def log_message(self, *args):
        pass


@pytest.fixture
def graph(app):
    server = HTTPServer(("127.0.0.1", 0), _Graph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Graph.received = []
    app.config.update(
        WHATSAPP_TOKEN="tok",
        WHATSAPP_PHONE_NUMBER_ID="12345",
        WHATSAPP_API_URL=f"http://127.0.0.1:{server.server_port}",
    )
    yield _Graph.received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_whatsapp_cloud_api_sends_the_sold_template_in_indonesian(app, graph, sent):
    user = make_user("maker", email="", phone="+6281299990000")
    maker = make_maker(user=user, fee_bps=1000)
    order = make_sold_order([(maker, 100_000, 1, "Tas Biru")])
    with app.test_request_context():
        notify.order_paid(order)
    assert len(graph) == 1
    path, auth, body = graph[0]
    assert path == "/12345/messages" and auth == "Bearer tok"
    assert body["to"] == "6281299990000"
    assert body["template"]["language"]["code"] == "id"
    params = [p["text"] for p in body["template"]["components"][0]["parameters"]]
    assert "Tas Biru" in params[1] and "Rp90.000" in params


def test_a_whatsapp_message_the_api_refused_is_sent_again_later(app, graph, sent):
    """The Cloud API call is a job: refused (the API down), the sale stands and the message waits
    for its retry; once the API answers, the retry delivers it, once."""
    from sqlalchemy import select

    from storefront.database import utcnow
    from storefront.extensions import db
    from storefront.jobs.models import JobStatus, OutboxJob
    from storefront.jobs.runner import run_job

    working = app.config["WHATSAPP_API_URL"]
    app.config["WHATSAPP_API_URL"] = "http://127.0.0.1:9"  # nothing listens there
    user = make_user("maker", email="", phone="+6281299990000")
    order = make_sold_order([(make_maker(user=user), 100_000, 1, "Tas Biru")])
    with app.test_request_context():
        notify.order_paid(order)
    db.session.expire_all()  # the job ran in a session of its own
    job = db.session.scalars(select(OutboxJob).where(OutboxJob.name == "whatsapp.send")).one()
    assert (job.status, job.attempts) == (JobStatus.PENDING, 1) and graph == []
    app.config["WHATSAPP_API_URL"] = working
    job.next_attempt_at = utcnow() - timedelta(seconds=1)  # its backoff has passed
    db.session.commit()
    run_job(job.id)
    db.session.expire_all()
    assert db.session.get(OutboxJob, job.id).status == JobStatus.DONE
    assert len(graph) == 1 and graph[0][2]["to"] == "6281299990000"


def test_whatsapp_failure_never_breaks_the_sale(app, sent):
    app.config.update(
        WHATSAPP_TOKEN="tok", WHATSAPP_PHONE_NUMBER_ID="1", WHATSAPP_API_URL="http://127.0.0.1:9"
    )
    user = make_user("maker", email="", phone="+6281299990000")
    order = make_sold_order([(make_maker(user=user), 100_000, 1)])
    notify.order_paid(order)  # connection refused: logged, nothing raised
