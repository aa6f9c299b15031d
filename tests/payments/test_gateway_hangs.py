"""A payment API that accepts the connection and never answers (issue 13): checkout and the pay
page answer within the gateway's timeout, the order is kept, and the buyer can try again."""

import pytest

from storefront.extensions import db
from storefront.orders.models import OrderStatus
from tests.factories import cart_add, checkout_post, latest_order, make_product


@pytest.fixture
def hanging_midtrans(app, midtrans_config, hanging_api):
    app.config.update(MIDTRANS_API_BASE=hanging_api, MIDTRANS_TIMEOUT_SECONDS=1)
    app.extensions.pop("storefront.gateway", None)
    app.extensions.pop("storefront.gateways.extra", None)
    return hanging_api


@pytest.fixture
def hanging_stripe(app, stripe_config, hanging_api):
    app.config.update(
        STRIPE_API_BASE=hanging_api, STRIPE_TIMEOUT_SECONDS=1, STRIPE_NETWORK_RETRIES=0
    )
    app.extensions.pop("storefront.gateway", None)
    yield hanging_api
    app.config.update(STRIPE_TIMEOUT_SECONDS=5, STRIPE_NETWORK_RETRIES=1)


def test_midtrans_that_never_answers_keeps_the_order_and_offers_to_try_again(
    client, hanging_midtrans
):
    cart_add(client, make_product(price_idr=150_000))
    assert checkout_post(client).status_code == 302
    order = latest_order()
    response = client.post(
        f"/pay/{order.token}/method", data={"method": "qris"}, follow_redirects=True
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Layanan pembayaran tidak menjawab" in page  # "did not answer. Please try again"
    assert 'name="method"' in page  # the methods again: the buyer tries again
    db.session.expire_all()
    assert (order.status, order.payment_reference) == (OrderStatus.PENDING_PAYMENT, None)


def test_stripe_that_never_answers_keeps_the_order_and_offers_to_try_again(client, hanging_stripe):
    cart_add(client, make_product(price_idr=150_000))
    response = checkout_post(client)
    order = latest_order()
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/pay/{order.token}"
    )
    assert (order.status, order.payment_reference) == (OrderStatus.PENDING_PAYMENT, None)
    assert client.get(f"/pay/{order.token}").status_code == 200  # the card form: try again
    answer = client.post(f"/pay/{order.token}/card", data={"payment_method": "pm_card_visa"})
    assert answer.status_code == 503 and "coba lagi" in answer.get_json()["message"]
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
