"""POST /pay/<token>/card through the test client: input checks, state checks, CSRF, rate limit."""

import pytest

from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments.cancel import cancel_order
from tests.stripe_fixtures import place_stripe_order


@pytest.fixture
def order(stripe_config):
    return place_stripe_order(150_000)


def _card_url(order: Order) -> str:
    return f"/pay/{order.token}/card"


@pytest.mark.parametrize("value", ["", "pm_", "4242424242424242", "pm_abc;drop", "pm_" + "a" * 200])
def test_payment_method_that_is_not_a_stripe_id_is_refused(client, order, value):
    response = client.post(_card_url(order), data={"payment_method": value})
    assert response.status_code == 400
    assert response.get_json()["message"]


def test_order_no_longer_pending_is_sent_to_its_page_without_charging(client, order):
    cancel_order(order)
    response = client.post(_card_url(order), data={"payment_method": "pm_card_visa"})
    assert response.get_json() == {"redirect": f"/orders/{order.token}"}
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.CANCELLED


def test_unknown_order_token_is_404(client, stripe_config):
    response = client.post("/pay/not-a-token/card", data={"payment_method": "pm_card_visa"})
    assert response.status_code == 404


def test_card_payment_is_not_found_without_stripe_configured(client):
    response = client.post("/pay/anything/card", data={"payment_method": "pm_card_visa"})
    assert response.status_code == 404


def test_card_payment_needs_the_csrf_token(csrf_app, order):
    response = csrf_app.test_client().post(
        _card_url(order), data={"payment_method": "pm_card_visa"}
    )
    assert response.status_code == 400
    assert db.session.get(Order, order.id).status == OrderStatus.PENDING_PAYMENT


def test_card_payment_attempts_are_rate_limited(client, order):
    codes = [
        client.post(_card_url(order), data={"payment_method": "bad"}).status_code for _ in range(11)
    ]
    assert codes[:10] == [400] * 10
    assert codes[10] == 429


def test_pay_page_shows_the_stripe_card_form(client, order):
    page = client.get(f"/pay/{order.token}").get_data(as_text=True)
    assert 'id="card-element"' in page
    assert "/js.stripe.com/v3/" in page
    assert "TEST PAYMENT" not in page
