"""Against localstripe, with the payment's notification lost: the expiry sweep and the reconciler
ask Stripe, so an order whose payment succeeded is marked paid, never cancelled; while Stripe
cannot be reached, nothing is cancelled."""

import socket
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select

from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.earnings.models import LedgerTransaction, TxKind
from storefront.earnings.services import refunded_idr
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders import services as orders
from storefront.orders.models import Order, OrderStatus
from storefront.payments.registry import get_gateway
from tests.stripe_fixtures import SECRET_KEY, make_event, place_stripe_order, signed_headers

S = OrderStatus


def _fresh(order: Order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def _stock(order: Order) -> int:
    return db.session.get(Product, _fresh(order).lines[0].product_id).stock


def _sales(order: Order) -> int:
    query = select(func.count()).where(
        LedgerTransaction.order_id == order.id, LedgerTransaction.kind == TxKind.SALE
    )
    return db.session.scalar(query)


def _expire(order: Order) -> None:
    order.reserved_until = utcnow() - timedelta(minutes=1)
    order.created_at = utcnow() - timedelta(hours=1)
    db.session.commit()


def _intent_status(localstripe: str, order: Order) -> str:
    url = f"{localstripe}/v1/payment_intents/{order.payment_reference}"
    return requests.get(url, auth=(SECRET_KEY, ""), timeout=5).json()["status"]


@pytest.fixture
def paid_at_stripe(stripe_config):
    """An order paid at Stripe whose notification never came (no webhook is registered here)."""
    order = place_stripe_order(150_000)
    assert get_gateway().confirm_card(order.payment_reference, "pm_card_visa").status == "succeeded"
    _expire(order)
    return order


@pytest.fixture
def stripe_unreachable(app, stripe_config):
    with socket.socket() as sock:  # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.config["STRIPE_API_BASE"] = f"http://127.0.0.1:{port}"
    app.extensions.pop("storefront.gateway", None)


def test_expiry_sweep_marks_an_order_paid_when_stripe_says_it_succeeded(runner, paid_at_stripe):
    result = runner.invoke(args=["release-expired"])
    assert "Released 0 expired order(s)." in result.output
    assert _fresh(paid_at_stripe).status == S.PAID
    assert _stock(paid_at_stripe) == 0
    assert _sales(paid_at_stripe) == 1


def test_a_page_view_leaves_an_expired_order_with_a_payment_to_the_commands(
    client, runner, paid_at_stripe
):
    client.get("/products")
    assert _fresh(paid_at_stripe).status == S.PENDING_PAYMENT  # Stripe was not asked
    runner.invoke(args=["release-expired"])
    assert _fresh(paid_at_stripe).status == S.PAID


def test_expiry_sweep_cancels_an_unpaid_order_and_its_payment(runner, localstripe, stripe_config):
    order = place_stripe_order(150_000)
    _expire(order)
    assert "Released 1 expired order(s)." in runner.invoke(args=["release-expired"]).output
    assert _fresh(order).status == S.CANCELLED
    assert _stock(order) == 1
    assert _intent_status(localstripe, order) == "canceled"


def test_reconciler_records_a_success_whose_notification_was_lost(runner, paid_at_stripe):
    paid_at_stripe.reserved_until = utcnow() + timedelta(minutes=10)  # not expired: only late
    db.session.commit()
    result = runner.invoke(args=["reconcile-payments", "--minutes", "15"])
    assert "Checked 1 payment(s): 1 settled, 0 not reached." in result.output
    assert _fresh(paid_at_stripe).status == S.PAID
    runner.invoke(args=["reconcile-payments"])  # again: nothing pending, nothing posted twice
    assert _sales(paid_at_stripe) == 1


def test_reconciler_leaves_recent_and_unpaid_payments_alone(runner, stripe_config):
    recent = place_stripe_order(150_000)
    unpaid = place_stripe_order(150_000)
    _expire(unpaid)
    result = runner.invoke(args=["reconcile-payments", "--minutes", "15"])
    assert "Checked 1 payment(s): 0 settled, 0 not reached." in result.output
    assert _fresh(recent).status == _fresh(unpaid).status == S.PENDING_PAYMENT


def test_sweep_while_stripe_is_unreachable_cancels_nothing(
    runner, paid_at_stripe, stripe_unreachable
):
    result = runner.invoke(args=["release-expired"])
    assert "Released 0 expired order(s)." in result.output
    assert _fresh(paid_at_stripe).status == S.PENDING_PAYMENT
    assert _stock(paid_at_stripe) == 0  # still reserved for the paid order


def test_page_view_while_stripe_is_unreachable_cancels_nothing(
    client, paid_at_stripe, stripe_unreachable
):
    assert client.get("/products").status_code == 200
    assert _fresh(paid_at_stripe).status == S.PENDING_PAYMENT


def test_reconciler_while_stripe_is_unreachable_changes_nothing(
    runner, paid_at_stripe, stripe_unreachable
):
    result = runner.invoke(args=["reconcile-payments"])
    assert "Checked 1 payment(s): 0 settled, 1 not reached." in result.output
    assert _fresh(paid_at_stripe).status == S.PENDING_PAYMENT


def test_sweep_after_stripe_is_back_records_the_payment(app, runner, paid_at_stripe, localstripe):
    app.config["STRIPE_API_BASE"] = "http://127.0.0.1:9"  # discard port: refused
    app.extensions.pop("storefront.gateway", None)
    runner.invoke(args=["release-expired"])
    app.config["STRIPE_API_BASE"] = localstripe
    app.extensions.pop("storefront.gateway", None)
    runner.invoke(args=["release-expired"])
    assert _fresh(paid_at_stripe).status == S.PAID


def test_reconciler_pays_a_cancelled_order_holding_an_early_refund(client, runner, stripe_config):
    order = place_stripe_order(150_000)
    get_gateway().confirm_card(order.payment_reference, "pm_card_visa")  # its notice is lost
    # Cancelled while the card was being charged (the cancel's own question saw it in flight).
    assert orders.apply_cancel(
        order, note=notes.typed("cancelled while the card was being charged")
    )
    db.session.commit()
    charge = {
        "id": "ch_early",
        "object": "charge",
        "payment_intent": order.payment_reference,
        "amount": order.total_idr * 100,
        "amount_refunded": 50_000 * 100,
        "currency": "idr",
        "metadata": {},
    }
    payload = make_event("charge.refunded", charge)
    response = client.post(
        "/payments/stripe/webhook", data=payload, headers=signed_headers(payload)
    )
    assert response.status_code == 200
    result = runner.invoke(args=["reconcile-payments"])
    assert "1 settled" in result.output
    assert _fresh(order).status == S.PAID
    assert _sales(order) == 1
    assert refunded_idr(_fresh(order)) == 50_000


def test_admin_cancel_of_an_order_paid_at_stripe_records_the_payment(
    client, login_as, stripe_config
):
    from tests.factories import make_user

    login_as(make_user("admin"))
    order = place_stripe_order(150_000)  # paid; its notification never came
    assert get_gateway().confirm_card(order.payment_reference, "pm_card_visa").status == "succeeded"
    response = client.post(
        f"/admin/orders/{order.id}/steps/cancel", headers={"Accept-Language": "en"}
    )
    html = client.get(response.location, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "already paid" in html
    assert _fresh(order).status == S.PAID
    assert _sales(order) == 1
