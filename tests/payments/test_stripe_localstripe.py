"""The Stripe path end to end: the app served on a free port, localstripe as Stripe, its signed
webhooks delivered to the app; events localstripe never sends are signed by the test and replayed
through the same endpoint."""

from datetime import timedelta

import requests
from sqlalchemy import func, select

from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus, OrderStatusChange
from storefront.payments.expiry import release_expired
from storefront.payments.models import PaymentEvent
from storefront.payments.registry import get_gateway
from tests.stripe_fixtures import (
    PUBLISHABLE_KEY,
    make_event,
    place_stripe_order,
    signed_headers,
    wait_until,
)

S = OrderStatus


def _order(order_id: int) -> Order:
    db.session.rollback()  # end any read transaction: the live server writes meanwhile
    db.session.expire_all()
    return db.session.get(Order, order_id)


def _events(order_id: int, kind: str) -> list[PaymentEvent]:
    db.session.rollback()
    query = select(PaymentEvent).where(PaymentEvent.order_id == order_id, PaymentEvent.type == kind)
    return list(db.session.scalars(query))


def _times_paid(order_id: int) -> int:
    query = select(func.count()).where(
        OrderStatusChange.order_id == order_id, OrderStatusChange.to_status == S.PAID
    )
    return db.session.scalar(query)


def _pay(site, order: Order, payment_method: str) -> requests.Response:
    return requests.post(
        f"{site.url}/pay/{order.token}/card",
        data={"payment_method": payment_method},
        headers={"Accept": "application/json"},
        timeout=15,
    )


def _card(site, number: str) -> str:
    return site.api(
        "POST",
        "/v1/payment_methods",
        type="card",
        **{"card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2030"},
        **{"card[cvc]": "123"},
    )["id"]


def _send(site, kind: str, obj: dict, event_id: str | None = None) -> int:
    payload = make_event(kind, obj, event_id=event_id)
    response = requests.post(
        site.webhook_url, data=payload, headers=signed_headers(payload), timeout=10
    )
    return response.status_code


def _intent(site, order: Order) -> dict:
    return site.api("GET", f"/v1/payment_intents/{order.payment_reference}")


def test_payment_intent_amount_is_the_order_total_times_100(stripe_site):
    order = place_stripe_order(150_000, 99_000)
    intent = _intent(stripe_site, order)
    assert order.total_idr == 249_000
    assert (intent["amount"], intent["currency"]) == (order.total_idr * 100, "idr")
    assert intent["metadata"]["order_id"] == str(order.id)


def test_card_payment_pays_the_order_once_and_the_signed_webhook_is_recorded(stripe_site):
    order = place_stripe_order(150_000)
    response = _pay(stripe_site, order, "pm_card_visa")
    assert response.status_code == 200
    assert response.json()["redirect"] == f"/orders/{order.token}"
    assert wait_until(lambda: _events(order.id, "payment_intent.succeeded"))
    [event] = _events(order.id, "payment_intent.succeeded")
    assert event.flag == ""
    assert _order(order.id).status == S.PAID
    assert _times_paid(order.id) == 1


def test_webhook_alone_marks_the_order_paid(stripe_site):
    order = place_stripe_order(150_000)
    get_gateway().confirm_card(order.payment_reference, "pm_card_visa")  # not via the page
    assert wait_until(lambda: _order(order.id).status == S.PAID)


def test_order_page_shows_paid_after_card_payment(stripe_site):
    order = place_stripe_order(150_000)
    _pay(stripe_site, order, "pm_card_visa")
    page = requests.get(
        f"{stripe_site.url}/orders/{order.token}", cookies={"lang": "en"}, timeout=10
    )
    assert '<strong id="order-status">Paid</strong>' in page.text


def test_declined_card_keeps_the_order_pending_and_records_the_failure(stripe_site):
    order = place_stripe_order(150_000)
    response = _pay(stripe_site, order, _card(stripe_site, "4000000000000341"))
    assert response.status_code == 402
    assert response.json()["message"]
    assert wait_until(lambda: _events(order.id, "payment_intent.payment_failed"))
    assert _order(order.id).status == S.PENDING_PAYMENT


def test_3d_secure_card_asks_the_page_to_authenticate(stripe_site):
    order = place_stripe_order(150_000)
    response = _pay(stripe_site, order, _card(stripe_site, "4000002500003155"))
    body = response.json()
    assert body["requires_action"] is True
    assert body["client_secret"].startswith(order.payment_reference)
    assert _order(order.id).status == S.PENDING_PAYMENT


def test_completed_3d_secure_pays_the_order_through_the_webhook(stripe_site):
    order = place_stripe_order(150_000)
    secret = _pay(stripe_site, order, _card(stripe_site, "4000002500003155")).json()
    path = f"/v1/payment_intents/{order.payment_reference}/_authenticate"
    requests.post(
        f"{stripe_site.localstripe}{path}?success=true",
        data={"client_secret": secret["client_secret"], "key": PUBLISHABLE_KEY},
        timeout=5,
    )
    assert wait_until(lambda: _order(order.id).status == S.PAID)
    assert _times_paid(order.id) == 1


def test_failed_3d_secure_leaves_the_order_pending(stripe_site):
    order = place_stripe_order(150_000)
    secret = _pay(stripe_site, order, _card(stripe_site, "4000002500003155")).json()
    path = f"/v1/payment_intents/{order.payment_reference}/_authenticate"
    requests.post(
        f"{stripe_site.localstripe}{path}?success=false",
        data={"client_secret": secret["client_secret"], "key": PUBLISHABLE_KEY},
        timeout=5,
    )
    done = requests.post(f"{stripe_site.url}/pay/{order.token}/card/done", timeout=10)
    assert done.status_code == 200
    assert _order(order.id).status == S.PENDING_PAYMENT


def test_expired_reservation_cancels_the_order_and_its_payment_intent(stripe_site):
    order = place_stripe_order(150_000)
    assert release_expired(utcnow() + timedelta(hours=1)) == 1
    assert _order(order.id).status == S.CANCELLED
    assert _intent(stripe_site, order)["status"] == "canceled"


def test_canceled_event_cancels_a_pending_order_and_gives_its_stock_back(stripe_site):
    order = place_stripe_order(150_000)
    intent = {**_intent(stripe_site, order), "status": "canceled"}
    assert _send(stripe_site, "payment_intent.canceled", intent) == 200
    order = _order(order.id)
    assert order.status == S.CANCELLED
    assert db.session.get(Product, order.lines[0].product_id).stock == 1


def test_refund_event_marks_a_paid_order_refunded(stripe_site):
    order = place_stripe_order(150_000)
    _pay(stripe_site, order, "pm_card_visa")
    refund = stripe_site.api("POST", "/v1/refunds", payment_intent=order.payment_reference)
    charge = {
        "id": refund["charge"],
        "object": "charge",
        "payment_intent": order.payment_reference,
        "amount": order.total_idr * 100,
        "amount_refunded": order.total_idr * 100,
        "currency": "idr",
        "refunded": True,
        "metadata": {},
    }
    assert _send(stripe_site, "charge.refunded", charge) == 200
    assert _order(order.id).status == S.REFUNDED


def test_duplicate_delivery_of_success_pays_once(stripe_site):
    order = place_stripe_order(150_000)
    get_gateway().confirm_card(order.payment_reference, "pm_card_visa")
    intent = _intent(stripe_site, order)
    statuses = [_send(stripe_site, "payment_intent.succeeded", intent, "evt_dup") for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert wait_until(lambda: len(_events(order.id, "payment_intent.succeeded")) == 2)
    assert _times_paid(order.id) == 1


def test_failure_arriving_after_success_leaves_the_order_paid(stripe_site):
    order = place_stripe_order(150_000)
    _pay(stripe_site, order, "pm_card_visa")
    failed = {**_intent(stripe_site, order), "status": "requires_payment_method"}
    assert _send(stripe_site, "payment_intent.payment_failed", failed) == 200
    assert _send(stripe_site, "payment_intent.canceled", failed) == 200
    assert _order(order.id).status == S.PAID


def test_success_arriving_after_expiry_pays_the_order_if_the_stock_is_still_there(stripe_site):
    order = place_stripe_order(150_000)
    release_expired(utcnow() + timedelta(hours=1))
    succeeded = {**_intent(stripe_site, order), "status": "succeeded"}
    assert _send(stripe_site, "payment_intent.succeeded", succeeded) == 200
    assert _order(order.id).status == S.PAID
