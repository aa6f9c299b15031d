"""Against localstripe: an order whose PaymentIntent could not be created at placement gets one,
for the database total, when the customer pays by card."""

import requests

from storefront.extensions import db
from storefront.orders.models import OrderStatus
from storefront.payments.gateway import GatewayUnavailable
from storefront.payments.stripe_gateway import StripeGateway
from tests.stripe_fixtures import SECRET_KEY, place_stripe_order


def _unreachable(self, request):
    raise GatewayUnavailable("connection timed out")


def test_card_payment_creates_the_payment_intent_that_failed_at_placement(
    client, stripe_config, localstripe, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(StripeGateway, "create_payment", _unreachable)
        order = place_stripe_order(150_000, 25_000)
    assert order.payment_reference is None
    response = client.post(f"/pay/{order.token}/card", data={"payment_method": "pm_card_visa"})
    assert response.get_json() == {"redirect": f"/orders/{order.token}"}
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    intent = requests.get(
        f"{localstripe}/v1/payment_intents/{order.payment_reference}",
        auth=(SECRET_KEY, ""),
        timeout=5,
    ).json()
    assert intent["amount"] == order.total_idr * 100 == 17_500_000
