"""Signed Stripe events through POST /payments/stripe/webhook, in any order: the ledger ends equal
to what Stripe holds (paid minus refunded), the maker is credited only the net, replays change
nothing; an event that does not match the shop (mode, amount, currency, order, payment) is
flagged and changes nothing; a signature too old or too far ahead is refused."""

import json
import time

import pytest
from sqlalchemy import func, select

from storefront.earnings.models import Account, LedgerEntry, LedgerTransaction
from storefront.earnings.services import maker_balance
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments.models import PaymentEvent
from tests.stripe_fixtures import make_event, place_stripe_order, signed_headers, succeeded_intent

URL = "/payments/stripe/webhook"
S = OrderStatus
PRICE = 150_000


def _charge(order: Order, refunded_idr: int) -> dict:
    return {
        "id": f"ch_{order.payment_reference}",
        "object": "charge",
        "payment_intent": order.payment_reference,
        "amount": order.total_idr * 100,
        "amount_refunded": refunded_idr * 100,
        "currency": "idr",
        "refunded": refunded_idr == order.total_idr,
        "metadata": {},
    }


def _post(client, kind: str, obj: dict, event_id: str, **event_fields) -> int:
    event = json.loads(make_event(kind, obj, event_id=event_id))
    payload = json.dumps({**event, **event_fields})
    return client.post(URL, data=payload, headers=signed_headers(payload)).status_code


def _fresh(order: Order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def _customer_net(order: Order) -> int:
    """What the ledger says the customer paid for the order and did not get back."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .join(LedgerEntry.transaction)
        .where(
            LedgerTransaction.order_id == order.id,
            LedgerEntry.account == Account.CUSTOMER_PAYMENTS,
        )
    )
    return -int(total)


def _maker_credit(order: Order) -> int:
    return maker_balance(_fresh(order).lines[0].maker_id)


def _flags() -> list[str]:
    return list(db.session.scalars(select(PaymentEvent.flag).order_by(PaymentEvent.id)))


def _run(client, order: Order, refunded_idr: int, *, refund_first: bool, replays: int = 1):
    steps = [
        ("payment_intent.succeeded", succeeded_intent(order), f"evt_paid_{order.id}"),
        ("charge.refunded", _charge(order, refunded_idr), f"evt_refund_{order.id}"),
    ]
    for kind, obj, event_id in (steps[::-1] if refund_first else steps) * replays:
        assert _post(client, kind, obj, event_id) == 200


@pytest.fixture
def two_orders(stripe_config):
    """The same sale twice (each her own maker): one sees its events in order, one reversed."""
    return place_stripe_order(PRICE), place_stripe_order(PRICE)


@pytest.mark.parametrize("refunded", [50_000, PRICE])
def test_refund_before_its_payment_ends_as_refund_after_it(client, two_orders, refunded):
    in_order, reversed_order = two_orders
    _run(client, in_order, refunded, refund_first=False)
    _run(client, reversed_order, refunded, refund_first=True)
    for order in two_orders:
        assert _customer_net(order) == PRICE - refunded
    assert _maker_credit(reversed_order) == _maker_credit(in_order)
    expected = S.REFUNDED if refunded == PRICE else S.PAID
    assert _fresh(reversed_order).status == _fresh(in_order).status == expected
    assert _flags() == [""] * 4


def test_full_refund_before_its_payment_credits_the_maker_nothing(client, stripe_config):
    order = place_stripe_order(PRICE)
    _run(client, order, PRICE, refund_first=True)
    assert _maker_credit(order) == 0
    assert _customer_net(order) == 0


def test_partial_refund_before_its_payment_credits_the_maker_only_the_net(client, stripe_config):
    order = place_stripe_order(PRICE)
    _run(client, order, 50_000, refund_first=True)
    sale_only = place_stripe_order(PRICE)
    assert (
        _post(client, "payment_intent.succeeded", succeeded_intent(sale_only), "evt_sale_only")
        == 200
    )
    assert 0 < _maker_credit(order) < _maker_credit(sale_only)


@pytest.mark.parametrize("refund_first", [True, False])
def test_replayed_events_in_either_order_change_nothing(client, stripe_config, refund_first):
    order = place_stripe_order(PRICE)
    _run(client, order, 50_000, refund_first=refund_first)
    once = (_customer_net(order), _maker_credit(order), len(_fresh(order).history))
    _run(client, order, 50_000, refund_first=not refund_first, replays=2)
    assert (_customer_net(order), _maker_credit(order), len(_fresh(order).history)) == once
    assert len(_flags()) == 2


def test_event_from_live_mode_is_flagged_and_changes_nothing(client, stripe_config):
    order = place_stripe_order(PRICE)
    kind = "payment_intent.succeeded"
    assert _post(client, kind, succeeded_intent(order), "evt_live", livemode=True) == 200
    assert _fresh(order).status == S.PENDING_PAYMENT
    assert "live-mode" in _flags()[0]


def test_live_shop_flags_a_test_mode_event(client, app, stripe_config):
    order = place_stripe_order(PRICE)
    app.config["STRIPE_SECRET_KEY"] = "sk_live_not_a_real_key"
    app.extensions.pop("storefront.gateway", None)
    assert (
        _post(client, "payment_intent.succeeded", succeeded_intent(order), "evt_test_mode") == 200
    )
    assert _fresh(order).status == S.PENDING_PAYMENT
    assert "test-mode event for a live-mode shop" in _flags()[0]


MISMATCHES = {
    "amount": {"amount": (PRICE - 1_000) * 100},
    "currency": {"currency": "usd"},
    "order": {"metadata": {"order_id": "999999"}},
    "payment": {"id": "pi_someone_elses"},
}


@pytest.mark.parametrize("field", list(MISMATCHES))
def test_success_that_does_not_match_the_order_is_flagged(client, stripe_config, field):
    order = place_stripe_order(PRICE)
    intent = succeeded_intent(order, **MISMATCHES[field])
    assert _post(client, "payment_intent.succeeded", intent, "evt_odd") == 200
    assert _fresh(order).status == S.PENDING_PAYMENT
    assert _customer_net(order) == 0
    assert _flags()[0]


def test_success_for_another_orders_payment_is_flagged(client, stripe_config):
    order, other = place_stripe_order(PRICE), place_stripe_order(PRICE)
    intent = succeeded_intent(
        order, id=other.payment_reference
    )  # this order's metadata, other's payment
    assert _post(client, "payment_intent.succeeded", intent, "evt_crossed") == 200
    assert _fresh(order).status == _fresh(other).status == S.PENDING_PAYMENT
    assert "another order" in _flags()[0]


def test_refund_that_does_not_match_the_order_is_flagged_and_never_applied(client, stripe_config):
    order = place_stripe_order(PRICE)
    charge = {**_charge(order, 50_000), "payment_intent": "pi_someone_elses"}
    assert _post(client, "charge.refunded", charge, "evt_odd_refund") == 200
    assert _post(client, "payment_intent.succeeded", succeeded_intent(order), "evt_paid") == 200
    assert _customer_net(order) == PRICE
    assert _flags()[0] and not _flags()[1]


# Well past the 300 s tolerance: the request itself takes time, so a skew of 301 could be 299.
@pytest.mark.parametrize("skew", [-330, 330, 3600])
def test_signature_too_far_in_the_past_or_the_future_is_refused(client, stripe_config, skew):
    order = place_stripe_order(PRICE)
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    headers = signed_headers(payload, timestamp=int(time.time()) + skew)
    assert client.post(URL, data=payload, headers=headers).status_code == 400
    assert _fresh(order).status == S.PENDING_PAYMENT
    assert _flags() == []


@pytest.mark.parametrize("skew", [-200, 200])
def test_signature_within_the_tolerance_either_way_is_accepted(client, stripe_config, skew):
    order = place_stripe_order(PRICE)
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    headers = signed_headers(payload, timestamp=int(time.time()) + skew)
    assert client.post(URL, data=payload, headers=headers).status_code == 200
    assert _fresh(order).status == S.PAID


def test_refund_reported_before_a_card_payment_recorded_by_the_pay_page(client, stripe_config):
    order = place_stripe_order(PRICE)
    assert _post(client, "charge.refunded", _charge(order, 50_000), "evt_early_refund") == 200
    response = client.post(f"/pay/{order.token}/card", data={"payment_method": "pm_card_visa"})
    assert response.get_json() == {"redirect": f"/orders/{order.token}"}
    assert _fresh(order).status == S.PAID
    assert _customer_net(order) == PRICE - 50_000
    # The success notification arriving afterwards changes nothing.
    assert (
        _post(client, "payment_intent.succeeded", succeeded_intent(order), "evt_paid_late") == 200
    )
    assert _customer_net(order) == PRICE - 50_000


@pytest.mark.parametrize("prefix", [" ", ""])
def test_signature_with_a_second_timestamp_from_the_future_is_refused(
    client, stripe_config, prefix
):
    """The SDK verifies the last t= of the header (and keeps " t" as another key): a header
    that shows now first and a future time last must not pass the future check."""
    order = place_stripe_order(PRICE)
    payload = make_event("payment_intent.succeeded", succeeded_intent(order))
    future = int(time.time()) + 3600
    signed = signed_headers(payload, timestamp=future)
    header = f"{prefix}t={int(time.time())},{signed['Stripe-Signature']}"
    response = client.post(URL, data=payload, headers={**signed, "Stripe-Signature": header})
    assert response.status_code == 400
    assert _fresh(order).status == S.PENDING_PAYMENT
