"""StripeGateway against localstripe: amounts, cards, 3-D Secure, cancel, refund."""

import pytest
import requests

from storefront.payments.gateway import PaymentRequest
from storefront.payments.stripe_gateway import StripeGateway
from tests.stripe_fixtures import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET


@pytest.fixture
def gateway(localstripe):
    return StripeGateway(SECRET_KEY, WEBHOOK_SECRET, localstripe)


def _request(order_id=1, amount_idr=150_000, key=None) -> PaymentRequest:
    return PaymentRequest(
        order_id=order_id,
        order_number=f"TA-{order_id:05d}",
        amount_idr=amount_idr,
        email="buyer@example.com",
        idempotency_key=key or f"order-{order_id}-test-{id(object())}",
    )


def _card(localstripe, number: str) -> str:
    """A PaymentMethod id for a raw test card number, as Stripe.js would create it."""
    response = requests.post(
        f"{localstripe}/v1/payment_methods",
        data={
            "type": "card",
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
        },
        auth=(SECRET_KEY, ""),
        timeout=5,
    )
    return response.json()["id"]


def _token(localstripe, number: str) -> str:
    """A token as localstripe's Stripe.js createToken() makes it (with the publishable key)."""
    data = {
        "card[number]": number,
        "card[exp_month]": "12",
        "card[exp_year]": "2030",
        "card[cvc]": "123",
        "key": PUBLISHABLE_KEY,
    }
    return requests.post(f"{localstripe}/v1/tokens", data=data, timeout=5).json()["id"]


def _intent(localstripe, reference: str) -> dict:
    url = f"{localstripe}/v1/payment_intents/{reference}"
    return requests.get(url, auth=(SECRET_KEY, ""), timeout=5).json()


def test_payment_intent_is_in_idr_with_the_amount_times_100(gateway, localstripe):
    result = gateway.create_payment(_request(order_id=7, amount_idr=275_000))
    intent = _intent(localstripe, result.reference)
    assert (intent["amount"], intent["currency"]) == (27_500_000, "idr")
    assert intent["metadata"] == {"order_id": "7", "order_number": "TA-00007"}
    assert result.status == "requires_payment_method"
    assert result.client_secret.startswith(result.reference)


def test_visa_card_succeeds(gateway):
    created = gateway.create_payment(_request())
    result = gateway.confirm_card(created.reference, "pm_card_visa")
    assert (result.reference, result.status, result.error) == (created.reference, "succeeded", None)


def test_token_from_the_emulators_stripe_js_pays_like_a_payment_method(gateway, localstripe):
    created = gateway.create_payment(_request())
    result = gateway.confirm_card(created.reference, _token(localstripe, "4242424242424242"))
    assert result.status == "succeeded"


def test_declined_card_returns_the_decline_without_raising(gateway, localstripe):
    created = gateway.create_payment(_request())
    result = gateway.confirm_card(created.reference, _card(localstripe, "4000000000000341"))
    assert result.status == "requires_payment_method"
    assert result.error


def test_3d_secure_card_requires_action_with_a_client_secret(gateway, localstripe):
    created = gateway.create_payment(_request())
    result = gateway.confirm_card(created.reference, _card(localstripe, "4000002500003155"))
    assert result.status == "requires_action"
    assert result.client_secret == created.client_secret


def test_cancel_payment_cancels_the_intent(gateway, localstripe):
    created = gateway.create_payment(_request())
    gateway.cancel_payment(created.reference)
    assert _intent(localstripe, created.reference)["status"] == "canceled"


def test_cancel_of_a_succeeded_payment_is_ignored(gateway, localstripe):
    created = gateway.create_payment(_request())
    gateway.confirm_card(created.reference, "pm_card_visa")
    gateway.cancel_payment(created.reference)
    assert _intent(localstripe, created.reference)["status"] == "succeeded"


def test_refund_refunds_the_amount_in_stripe_units(gateway, localstripe):
    created = gateway.create_payment(_request(amount_idr=150_000))
    gateway.confirm_card(created.reference, "pm_card_visa")
    refund_id = gateway.refund(created.reference, 50_000, "refund-1")
    refund = requests.get(
        f"{localstripe}/v1/refunds/{refund_id}", auth=(SECRET_KEY, ""), timeout=5
    ).json()
    assert (refund["amount"], refund["currency"]) == (5_000_000, "idr")
