"""POST /payments/stripe/webhook via the test client: the signature on the raw body decides."""

import json
import time

import pytest
from sqlalchemy import func, select

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments.models import PaymentEvent
from tests.stripe_fixtures import make_event, place_stripe_order, signed_headers, succeeded_intent

URL = "/payments/stripe/webhook"


@pytest.fixture
def order(stripe_config):
    return place_stripe_order(150_000)


def _events() -> int:
    return db.session.scalar(select(func.count()).select_from(PaymentEvent))


def _status(order: Order) -> str:
    db.session.expire_all()
    return db.session.get(Order, order.id).status


def test_signed_success_event_marks_the_order_paid(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    response = client.post(URL, data=payload, headers=signed_headers(payload))
    assert response.status_code == 200
    assert _status(order) == OrderStatus.PAID


def test_missing_signature_is_rejected_and_changes_nothing(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    response = client.post(URL, data=payload, content_type="application/json")
    assert response.status_code == 400
    assert (_status(order), _events()) == (OrderStatus.PENDING_PAYMENT, 0)


def test_signature_made_with_another_secret_is_rejected(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    headers = signed_headers(payload, secret="whsec_forged")
    assert client.post(URL, data=payload, headers=headers).status_code == 400
    assert (_status(order), _events()) == (OrderStatus.PENDING_PAYMENT, 0)


def test_body_changed_after_signing_is_rejected(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order, amount=100))
    headers = signed_headers(payload)
    tampered = payload.replace('"amount": 100', f'"amount": {order.total_idr * 100}')
    assert client.post(URL, data=tampered, headers=headers).status_code == 400
    assert (_status(order), _events()) == (OrderStatus.PENDING_PAYMENT, 0)


def test_stale_signature_older_than_five_minutes_is_rejected(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    headers = signed_headers(payload, timestamp=int(time.time()) - 301)
    assert client.post(URL, data=payload, headers=headers).status_code == 400
    assert (_status(order), _events()) == (OrderStatus.PENDING_PAYMENT, 0)


def test_garbage_signature_header_is_rejected(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    headers = {"Stripe-Signature": "t=abc,v1=zz", "Content-Type": "application/json"}
    assert client.post(URL, data=payload, headers=headers).status_code == 400
    assert _events() == 0


def test_unknown_event_type_is_acknowledged_without_effect(client, order):
    payload = make_event("customer.created", {"id": "cus_1", "object": "customer"})
    assert client.post(URL, data=payload, headers=signed_headers(payload)).status_code == 200
    assert _status(order) == OrderStatus.PENDING_PAYMENT


def test_amount_that_is_not_the_order_total_is_acknowledged_and_flagged(client, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order, amount=100_00))
    assert client.post(URL, data=payload, headers=signed_headers(payload)).status_code == 200
    assert _status(order) == OrderStatus.PENDING_PAYMENT
    assert db.session.scalar(select(PaymentEvent.flag))


def test_fraction_of_a_rupiah_never_matches_the_order_total(client, order):
    payload = make_event(
        "payment_intent.succeeded", succeeded_intent(order, amount=order.total_idr * 100 + 1)
    )
    assert client.post(URL, data=payload, headers=signed_headers(payload)).status_code == 200
    assert _status(order) == OrderStatus.PENDING_PAYMENT


def test_webhook_is_not_found_without_stripe_configured(client):
    payload = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded"})
    assert client.post(URL, data=payload, headers=signed_headers(payload)).status_code == 404


def test_webhook_needs_no_csrf_token(csrf_app, order):
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    response = csrf_app.test_client().post(URL, data=payload, headers=signed_headers(payload))
    assert response.status_code == 200
