"""Midtrans and Stripe both keyed: the pay page offers the local methods and "Card"; a card
payment runs through Stripe (the order then belongs to Stripe: refunds and reconciling ask it)."""

from sqlalchemy import func, select

from storefront.earnings.models import LedgerEntry
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments import refunds
from storefront.payments.registry import gateways, payment_methods
from tests.midtrans_fixtures import place_order_for


def test_both_gateways_are_offered_methods_per_gateway(midtrans_config, stripe_config):
    assert [g.name for g in gateways()] == ["midtrans", "stripe"]
    assert ("stripe", "card") in payment_methods() and ("midtrans", "qris") in payment_methods()


def test_card_beside_midtrans_is_paid_and_refunded_through_stripe(
    client, midtrans_config, stripe_config
):
    order = place_order_for(150_000)
    page = client.get(f"/pay/{order.token}").get_data(as_text=True)
    assert 'value="card"' in page and 'value="qris"' in page
    chosen = client.post(f"/pay/{order.token}/method", data={"method": "card"})
    assert chosen.headers["Location"].endswith(f"/pay/{order.token}?method=card")
    assert 'id="card-form"' in client.get(chosen.headers["Location"]).get_data(as_text=True)
    answer = client.post(f"/pay/{order.token}/card", data={"payment_method": "pm_card_visa"})
    assert answer.status_code == 200 and "redirect" in answer.get_json()
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert (order.status, order.gateway) == (OrderStatus.PAID, "stripe")
    assert order.payment_reference.startswith("pi_")
    refunds.refund_order(order, actor_id=None, amount_idr=150_000)  # Stripe, not Midtrans
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.REFUNDED
    assert db.session.scalar(select(func.sum(LedgerEntry.amount_idr))) == 0


def test_without_any_keys_the_test_gateway_still_runs(client):
    order = place_order_for(150_000)
    assert order.gateway == "test" and order.payment_reference
    assert "PEMBAYARAN UJI COBA" in client.get(f"/pay/{order.token}").get_data(as_text=True)


def test_card_is_not_offered_while_a_local_payment_is_open(client, midtrans_config, stripe_config):
    order = place_order_for(150_000)
    client.post(f"/pay/{order.token}/method", data={"method": "qris"})
    page = client.get(f"/pay/{order.token}?method=card").get_data(as_text=True)
    assert 'id="qris-code"' in page and 'id="card-form"' not in page
