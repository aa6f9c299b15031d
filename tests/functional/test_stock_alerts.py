"""Back in stock: double opt-in by email (or WhatsApp with consent); one message per subscriber on
each of the three restock paths, never to an unconfirmed email; unsubscribe without signing in."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storefront.auth.models import Role
from storefront.database import utcnow
from storefront.extensions import db
from storefront.listings import services as listings
from storefront.payments import expiry, refunds
from storefront.stock_alerts.models import AlertStatus, StockAlert
from tests.conftest import login
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_product,
    make_sold_order,
    make_user,
)


@pytest.fixture(autouse=True)
def shop_url(app, monkeypatch):
    """Services called outside a request (as the CLI does) build links at SHOP_URL."""
    monkeypatch.setitem(app.config, "SHOP_URL", "http://shop.test")


@pytest.fixture
def sent(monkeypatch):
    mails = []
    import storefront.mail

    monkeypatch.setattr(
        storefront.mail,
        "send_mail",
        lambda to, subject, template, locale, **ctx: mails.append((to, template, locale, ctx)),
    )
    return mails


def sign_up(client, product, email="rina@example.com", **data):
    return client.post(f"/products/{product.id}/alert", data={"email": email, **data})


def confirmed(client, sent, product, email="rina@example.com", lang="id"):
    client.set_cookie("lang", lang)
    assert sign_up(client, product, email).status_code == 302
    link = sent[-1][3]["confirm"]
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    return path


def back_mails(sent):
    return [(to, locale) for to, template, locale, _ in sent if template == "stock_alert_back"]


def alerts():
    return db.session.scalar(select(func.count(StockAlert.id)))


def test_sign_up_needs_confirmation_and_stores_only_address_and_language(client, sent):
    product = make_product(stock=0)
    client.set_cookie("lang", "en")
    assert sign_up(client, product, "Rina@Example.com").status_code == 302
    alert = db.session.scalar(select(StockAlert))
    assert (alert.address, alert.locale, alert.status) == ("rina@example.com", "en", "pending")
    assert [(to, template) for to, template, _, _ in sent] == [
        ("rina@example.com", "stock_alert_confirm")
    ]
    assert "unsubscribe" in sent[0][3]


def test_an_unconfirmed_email_never_hears(client, sent):
    product = make_product(stock=0)
    sign_up(client, product)
    listings.change_stock(product, 2, seen=0, actor_id=make_user(Role.MAKER).id)
    assert back_mails(sent) == []
    assert alerts() == 1


def test_maker_stock_edit_tells_each_subscriber_once_in_her_language(client, sent, app):
    product = make_product(stock=0)
    confirmed(client, sent, product, "a@example.com", "id")
    confirmed(app.test_client(), sent, product, "b@example.com", "en")
    maker = make_user(Role.MAKER)
    listings.change_stock(product, 1, seen=0, actor_id=maker.id)
    assert sorted(back_mails(sent)) == [("a@example.com", "id"), ("b@example.com", "en")]
    listings.change_stock(product, 0, seen=1, actor_id=maker.id)
    listings.change_stock(product, 3, seen=0, actor_id=maker.id)
    assert len(back_mails(sent)) == 2
    assert alerts() == 0


def test_a_released_reservation_tells_subscribers(client, sent, app):
    product = make_product(stock=1)
    buyer = app.test_client()
    cart_add(buyer, product)
    checkout_post(buyer)
    order = latest_order()
    confirmed(client, sent, product)
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert expiry.release_expired(utcnow()) == 1
    assert back_mails(sent) == [("rina@example.com", "id")]
    assert expiry.release_expired(utcnow()) == 0
    assert len(back_mails(sent)) == 1


class FakeGateway:
    """Refunds anything; holds the payments of the gateway the order was paid at."""

    def __init__(self, name="test"):
        self.name = name

    def refund(self, reference, amount_idr, idempotency_key):
        return "re_1"


def test_a_refund_of_an_unsent_item_restocks_and_tells_subscribers(client, sent, monkeypatch):
    monkeypatch.setattr(refunds, "_default_gateway", FakeGateway)
    product = make_product(stock=0)
    order = make_sold_order([(product.maker, product.price_idr, 1)], status="paid")
    order.lines[0].product_id = product.id
    db.session.commit()
    confirmed(client, sent, product)
    refunds.refund_order(order, actor_id=None, quantities={order.lines[0].id: 1})
    db.session.expire_all()
    assert db.session.get(type(product), product.id).stock == 1
    assert back_mails(sent) == [("rina@example.com", "id")]


def test_a_refund_of_a_delivered_item_does_not_restock(client, sent, monkeypatch):
    monkeypatch.setattr(refunds, "_default_gateway", FakeGateway)
    product = make_product(stock=0)
    order = make_sold_order([(product.maker, product.price_idr, 1)], status="delivered")
    order.lines[0].product_id = product.id
    db.session.commit()
    confirmed(client, sent, product)
    refunds.refund_order(order, actor_id=None, quantities={order.lines[0].id: 1})
    db.session.expire_all()
    assert db.session.get(type(product), product.id).stock == 0
    assert back_mails(sent) == []


def test_unsubscribe_works_without_signing_in_and_ends_the_sign_up(client, sent):
    product = make_product(stock=0)
    confirmed(client, sent, product)
    link = sent[0][3]["unsubscribe"]
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path).status_code == 200
    assert alerts() == 0
    assert client.post(path).status_code == 200  # mail apps' one-click POST, twice is fine
    listings.change_stock(product, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    assert back_mails(sent) == []


def test_an_in_stock_product_takes_no_sign_up(client, sent):
    product = make_product(stock=2)
    assert sign_up(client, product).status_code == 400
    assert alerts() == 0


def test_whatsapp_needs_consent_and_becomes_a_message_for_staff(client, sent):
    product = make_product(stock=0)
    data = {"channel": "whatsapp", "phone": "0812 3456 7890"}
    assert client.post(f"/products/{product.id}/alert", data=data).status_code == 400
    assert alerts() == 0
    data["consent"] = "y"
    assert client.post(f"/products/{product.id}/alert", data=data).status_code == 302
    listings.change_stock(product, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    alert = db.session.scalar(select(StockAlert))
    assert (alert.address, alert.status) == ("+6281234567890", AlertStatus.DUE)
    login(client, make_user(Role.ADMIN))
    page = client.get("/admin/stock-alerts").text
    assert "https://wa.me/6281234567890?text=" in page
    assert client.post(f"/admin/stock-alerts/{alert.id}/sent").status_code == 302
    assert alerts() == 0


def test_the_sold_out_page_shows_the_form_and_an_in_stock_one_does_not(client):
    assert "/alert" in client.get(f"/products/{make_product(stock=0).slug}").text
    assert "/alert" not in client.get(f"/products/{make_product(stock=1).slug}").text


def test_sign_ups_are_rate_limited(client, sent):
    product = make_product(stock=0)
    codes = [sign_up(client, product, f"r{n}@example.com").status_code for n in range(11)]
    assert codes[:10] == [302] * 10 and codes[10] == 429


def test_a_failed_mail_keeps_the_sign_up_for_the_next_restock(client, sent, monkeypatch):
    import storefront.mail

    product = make_product(stock=0)
    confirmed(client, sent, product)

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(storefront.mail, "send_mail", broken)
    maker = make_user(Role.MAKER)
    listings.change_stock(product, 1, seen=0, actor_id=maker.id)
    assert alerts() == 1
