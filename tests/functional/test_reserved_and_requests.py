"""Bug 6: a failed payment says so; stock held by another buyer's reservation is "reserved, may be
back at HH:MM WIB", not "Sold out"; a made-to-order request reaches the admin where the maker
accepts requests."""

from datetime import timedelta

from sqlalchemy import select

from storefront.catalog.models import MakeRequest
from storefront.database import utcnow
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.payments.test_gateway import TestGateway
from storefront.payments.webhooks import process_event
from tests.factories import (
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_user,
)

EN = {"Accept-Language": "en"}


def _reserve(client, product):
    cart_add(client, product)
    checkout_post(client)
    return latest_order()


def test_reserved_product_says_when_it_may_be_back(client, app):
    product = make_product(stock=1)
    order = _reserve(app.test_client(), product)
    order.reserved_until = utcnow().replace(hour=5, minute=30) + timedelta(days=1)
    db.session.commit()
    page = client.get(f"/products/{product.slug}", headers=EN).text
    assert "Sold out" not in page
    assert "Reserved, may be back at 12:30 WIB" in page
    indonesian = client.get(f"/products/{product.slug}").text
    assert "Dipesan orang lain, mungkin tersedia lagi pukul 12.30 WIB" in indonesian


def test_a_sold_product_still_says_sold_out(client):
    product = make_product(stock=0)
    page = client.get(f"/products/{product.slug}", headers=EN).text
    assert "Sold out" in page
    assert "Reserved" not in page


def test_failed_payment_shows_a_message_on_the_order_page(client):
    order = _reserve(client, make_product(stock=2))
    event = TestGateway.event(
        "payment_intent.payment_failed",
        reference=order.payment_reference,
        order_id=order.id,
        amount_idr=order.total_idr,
    )
    process_event(event)
    page = client.get(f"/orders/{order.token}", headers=EN).text
    assert 'id="payment-failed"' in page
    assert "Your payment did not go through" in page


def test_request_form_only_where_the_maker_accepts_requests(client):
    product = make_product(stock=0)
    assert 'id="make-request"' not in client.get(f"/products/{product.slug}").text
    product.maker.accepts_requests = True
    db.session.commit()
    assert 'id="make-request"' in client.get(f"/products/{product.slug}").text


def test_request_goes_to_the_admin_with_whatsapp_and_email(client, login_as):
    maker = make_maker(accepts_requests=True)
    product = make_product(maker=maker, stock=0)
    response = client.post(
        f"/products/{product.slug}/request",
        data={"name": "Dewi", "whatsapp": "0812 1111 2222", "email": "", "message": "Biru ya"},
    )
    assert response.status_code == 302
    request = db.session.scalars(select(MakeRequest)).one()
    assert (request.product_id, request.whatsapp) == (product.id, "+6281211112222")
    login_as(make_user("admin"))
    page = client.get("/admin/requests/", headers=EN).text
    assert "Dewi" in page and "Biru ya" in page
    assert "https://wa.me/6281211112222" in page


def test_request_needs_a_way_to_answer_and_a_maker_who_accepts(client):
    maker = make_maker(accepts_requests=True)
    product = make_product(maker=maker, stock=0)
    response = client.post(
        f"/products/{product.slug}/request",
        data={"name": "Dewi", "whatsapp": "", "email": "", "message": "x"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "WhatsApp number or an email" in response.text
    other = make_product(stock=0)
    refused = client.post(
        f"/products/{other.slug}/request",
        data={"name": "Dewi", "whatsapp": "0812 1111 2222", "message": "x"},
    )
    assert refused.status_code == 404
    assert db.session.scalar(select(db.func.count(MakeRequest.id))) == 0


def test_maker_turns_requests_on_in_her_settings(client, login_as):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    client.post("/maker/privacy", data={"accepts_requests": "y"})
    db.session.expire_all()
    assert db.session.get(Maker, maker.id).accepts_requests is True


def test_cart_says_a_held_item_may_come_back(client, app):
    product = make_product(stock=1)
    cart_add(client, product)  # in her cart first
    _reserve(app.test_client(), product)  # then another buyer checks it out
    page = client.get("/cart", headers=EN).text
    assert "Reserved by another buyer, may be back at" in page
    assert "WIB" in page
