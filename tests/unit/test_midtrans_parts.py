"""Pure parts of the Midtrans gateway: amounts as Midtrans writes them, the signature, the
payment deadline inside the stock reservation, the shop's names for Midtrans's states."""

from datetime import UTC, datetime, timedelta

import pytest

from storefront.payments.gateway import EXPIRED, FAILED, PAID, REFUNDED, GatewayError
from storefront.payments.midtrans_gateway import (
    MidtransGateway,
    _custom_expiry,
    parse_amount,
    refunded_total,
    signature_key,
)


@pytest.mark.parametrize(
    ("text", "rupiah"),
    [("150000.00", 150000), ("150000", 150000), ("150000.50", -150000), ("x", -1), (None, None)],
)
def test_amounts_in_whole_rupiah_and_a_fraction_never_matches(text, rupiah):
    assert parse_amount(text) == rupiah


def test_signature_is_sha512_of_the_four_strings():
    import hashlib

    expected = hashlib.sha512(b"A-1200150000.00key").hexdigest()
    assert signature_key("A-1", "200", "150000.00", "key") == expected


def test_deadline_ends_a_minute_before_the_reservation():
    expiry = _custom_expiry(datetime.now(UTC) + timedelta(minutes=30))
    assert expiry is not None and expiry["unit"] == "minute"
    assert 28 <= expiry["expiry_duration"] <= 29 and expiry["order_time"].endswith("+0700")
    with pytest.raises(GatewayError):
        _custom_expiry(datetime.now(UTC) + timedelta(seconds=90))


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("settlement", PAID),
        ("deny", FAILED),
        ("expire", EXPIRED),
        ("cancel", EXPIRED),
        ("partial_refund", REFUNDED),
        ("pending", "midtrans.pending"),
    ],
)
def test_midtrans_states_in_the_shops_names(status, kind):
    state = {
        "transaction_status": status,
        "transaction_id": "t",
        "order_id": "A-1",
        "gross_amount": "150000.00",
        "currency": "IDR",
        "refunds": [{"refund_amount": "20000.00"}, {"refund_amount": "5000.00"}],
    }
    event = MidtransGateway("key").event_from_status(state)
    assert (event.type, event.reference, event.currency) == (kind, "A-1", "idr")
    if kind == REFUNDED:
        assert event.amount_idr == 25000 == refunded_total(state)


def test_card_capture_counts_as_paid_only_once_accepted():
    gateway = MidtransGateway("key")
    base = {
        "transaction_status": "capture",
        "transaction_id": "t",
        "order_id": "A-1",
        "gross_amount": "1.00",
    }
    assert gateway.event_from_status({**base, "fraud_status": "accept"}).type == PAID
    assert gateway.event_from_status({**base, "fraud_status": "challenge"}).type != PAID
