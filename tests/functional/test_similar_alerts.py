""" "Or when she lists a similar one": a confirmed sign-up that opted in hears once, when an admin
approves a new listing of the same maker in the same category; never for an unconfirmed email,
another maker or another category; one sign-up is one message, whichever comes first."""

import re

import pytest
from sqlalchemy import func, select

from storefront.auth.models import Role
from storefront.catalog.models import ListingStatus
from storefront.extensions import db
from storefront.listings import services as listings
from storefront.stock_alerts.models import AlertStatus, StockAlert
from tests.conftest import login
from tests.factories import make_category, make_maker, make_product, make_user


@pytest.fixture(autouse=True)
def shop_url(app, monkeypatch):
    """Stock edits called outside a request (as the CLI does) build links at SHOP_URL."""
    monkeypatch.setitem(app.config, "SHOP_URL", "http://shop.test")


@pytest.fixture
def mails(monkeypatch):
    """Mail rendered by the real send_mail: (to, template, locale, context, body)."""
    import storefront.mail

    real, captured = storefront.mail.send_mail, []

    def capture(to, subject, template, locale, **ctx):
        message = real(to, subject, template, locale, **ctx)
        captured.append((to, template, locale, ctx, message.get_content()))
        return message

    monkeypatch.setattr(storefront.mail, "send_mail", capture)
    return captured


@pytest.fixture
def admin_client(app):
    client = app.test_client()
    login(client, make_user(Role.ADMIN))
    return client


def subscribe(
    app, mails, product, email="rina@example.com", *, lang="id", similar=True, confirm=True
):
    client = app.test_client()
    client.set_cookie("lang", lang)
    data = {"email": email, **({"similar": "y"} if similar else {})}
    assert client.post(f"/products/{product.id}/alert", data=data).status_code == 302
    if confirm:
        path = re.sub(r"^https?://[^/]+", "", mails[-1][3]["confirm"])
        assert client.post(path).status_code == 200


def similar_mails(mails):
    return [m for m in mails if m[1] == "stock_alert_similar"]


def approve(admin_client, product):
    return admin_client.post(f"/admin/listings/{product.id}/approve")


def sold_out_and_new(maker=None, category=None):
    """A sold-out bag and a new listing of the same maker and category waiting for review."""
    sold_out = make_product(stock=0, maker=maker, category=category)
    new = make_product(sold_out.maker, sold_out.category, stock=2, status=ListingStatus.PENDING)
    return sold_out, new


def test_the_sign_up_form_offers_similar_ticked(client):
    page = client.get(f"/products/{make_product(stock=0).slug}").text
    assert re.search(r'<input[^>]*name="similar"[^>]*checked', page)


def test_approving_a_new_listing_of_the_same_maker_and_category_sends_one_mail(
    app, mails, admin_client
):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out, lang="en")
    assert approve(admin_client, new).status_code == 302
    (mail,) = similar_mails(mails)
    to, _template, locale, ctx, body = mail
    assert (to, locale) == ("rina@example.com", "en")
    assert f"/products/{new.slug}" in body
    assert "/alerts/unsubscribe/" in body and ctx["unsubscribe"] in body
    assert "similar" in body
    assert db.session.scalar(select(func.count(StockAlert.id))) == 0  # the sign-up ended


def test_the_similar_mail_is_in_indonesian_for_an_indonesian_sign_up(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out, lang="id")
    approve(admin_client, new)
    (mail,) = similar_mails(mails)
    assert mail[2] == "id" and "serupa" in mail[4]


def test_another_category_or_another_maker_sends_nothing(app, mails, admin_client):
    sold_out = make_product(stock=0)
    other_category = make_product(sold_out.maker, make_category(), status=ListingStatus.PENDING)
    other_maker = make_product(make_maker(), sold_out.category, status=ListingStatus.PENDING)
    subscribe(app, mails, sold_out)
    approve(admin_client, other_category)
    approve(admin_client, other_maker)
    assert similar_mails(mails) == []
    assert db.session.scalar(select(StockAlert.status)) == AlertStatus.CONFIRMED


def test_an_unconfirmed_email_hears_nothing_of_a_similar_listing(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out, confirm=False)
    approve(admin_client, new)
    assert similar_mails(mails) == []
    assert db.session.scalar(select(StockAlert.status)) == AlertStatus.PENDING


def test_a_second_approval_or_a_later_listing_sends_no_second_mail(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out)
    approve(admin_client, new)
    assert approve(admin_client, new).status_code == 409  # nothing is waiting any more
    later = make_product(sold_out.maker, sold_out.category, status=ListingStatus.PENDING)
    approve(admin_client, later)
    listings.change_stock(sold_out, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    assert len(similar_mails(mails)) == 1
    assert [m for m in mails if m[1] == "stock_alert_back"] == []


def test_without_similar_nothing_on_approval_but_back_in_stock_still_comes(
    app, mails, admin_client
):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out, similar=False)
    approve(admin_client, new)
    assert similar_mails(mails) == []
    listings.change_stock(sold_out, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    assert [m[0] for m in mails if m[1] == "stock_alert_back"] == ["rina@example.com"]


def test_back_in_stock_first_ends_the_sign_up_before_a_similar_listing(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out)
    listings.change_stock(sold_out, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    approve(admin_client, new)
    assert [m[1] for m in mails if m[1].startswith("stock_alert_")][-1] == "stock_alert_back"
    assert similar_mails(mails) == []


def test_two_sign_ups_of_one_address_get_one_mail_for_one_new_listing(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    second = make_product(sold_out.maker, sold_out.category, stock=0)
    subscribe(app, mails, sold_out)
    subscribe(app, mails, second)
    approve(admin_client, new)
    assert len(similar_mails(mails)) == 1
    assert db.session.scalar(select(func.count(StockAlert.id))) == 0


def test_a_whatsapp_sign_up_with_similar_becomes_a_message_for_staff(app, mails, admin_client):
    sold_out, new = sold_out_and_new()
    data = {"channel": "whatsapp", "phone": "0812 3456 7890", "consent": "y", "similar": "y"}
    assert app.test_client().post(f"/products/{sold_out.id}/alert", data=data).status_code == 302
    approve(admin_client, new)
    alert = db.session.scalar(select(StockAlert))
    assert (alert.status, alert.similar_product_id) == (AlertStatus.DUE, new.id)
    page = admin_client.get("/admin/stock-alerts").text
    assert "https://wa.me/6281234567890?text=" in page
    assert new.slug in page
    listings.change_stock(sold_out, 1, seen=0, actor_id=make_user(Role.MAKER).id)
    assert db.session.scalar(select(StockAlert.similar_product_id)) == new.id  # still one message


def test_the_confirmation_mail_says_a_similar_one_will_do(app, mails):
    subscribe(app, mails, make_product(stock=0), lang="en", confirm=False)
    assert mails[-1][1] == "stock_alert_confirm" and "similar" in mails[-1][4]


def test_a_new_sign_up_cannot_widen_a_confirmed_one_to_similar_unconfirmed(
    app, mails, admin_client
):
    sold_out, new = sold_out_and_new()
    subscribe(app, mails, sold_out, similar=False)
    stranger = app.test_client()
    data = {"email": "rina@example.com", "similar": "y"}
    assert stranger.post(f"/products/{sold_out.id}/alert", data=data).status_code == 302
    approve(admin_client, new)
    assert similar_mails(mails) == []


def test_a_sold_out_bag_back_in_the_shop_after_review_tells_its_own_sign_ups_once(
    app, mails, admin_client
):
    """Unpublished while sold out, restocked while out of the shop, approved again: the buyers
    who asked about this very bag hear that it is back, once."""
    bag = make_product(stock=0)
    subscribe(app, mails, bag, similar=False)
    bag.status = ListingStatus.PENDING  # off the shop; the maker restocks and sends it again
    bag.stock = 2
    db.session.commit()
    assert approve(admin_client, bag).status_code == 302
    back = [m for m in mails if m[1] == "stock_alert_back"]
    assert len(back) == 1 and back[0][0] == "rina@example.com"
    assert db.session.scalar(select(func.count(StockAlert.id))) == 0
    assert similar_mails(mails) == []
