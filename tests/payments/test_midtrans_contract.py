"""The fake Midtrans against the bodies copied from Midtrans's documentation
(tests/payments/samples/): every documented field is there, with the documented type; and the
requests the shop's gateway sends carry the documented fields."""

import json
from pathlib import Path

import pytest
import requests

from storefront.payments.gateway import PaymentRequest
from storefront.payments.midtrans_gateway import MidtransGateway, signature_key
from tests.fake_midtrans import SERVER_KEY

SAMPLES = Path(__file__).parent / "samples"
# Fields of a documented sample that depend on the sandbox account or are optional.
OPTIONAL = {
    "merchant_id",
    "acquirer",
    "channel_response_code",
    "channel_response_message",
    "settlement_time",
}


def sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text())


def same_shape(documented: dict, fake: dict, where: str = "") -> list[str]:
    problems = []
    for key, value in documented.items():
        if key not in fake:
            if key not in OPTIONAL:
                problems.append(f"{where}{key} missing")
            continue
        if type(value) is not type(fake[key]):
            problems.append(
                f"{where}{key}: {type(fake[key]).__name__}, documented {type(value).__name__}"
            )
        elif isinstance(value, dict):
            problems += same_shape(value, fake[key], f"{where}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict) and fake[key]:
            names = {item.get("name") for item in fake[key]}
            for item in value:
                if "name" in item and item["name"] not in names:
                    problems.append(f"{where}{key}: no {item['name']}")
            problems += same_shape(value[0], fake[key][0], f"{where}{key}[0].")
    return problems


def _api(fake, method, path, body=None, key=SERVER_KEY):
    response = requests.request(method, fake.base_url + path, json=body, auth=(key, ""), timeout=10)
    return response.json()


def _charge(fake, order_id, **method):
    body = {"transaction_details": {"order_id": order_id, "gross_amount": 150000}, **method}
    return _api(fake, "POST", "/v2/charge", body)


CHARGES = [
    ("charge_qris_response", {"payment_type": "qris", "qris": {"acquirer": "gopay"}}),
    (
        "charge_bank_transfer_response",
        {"payment_type": "bank_transfer", "bank_transfer": {"bank": "bca"}},
    ),
    (
        "charge_permata_response",
        {"payment_type": "bank_transfer", "bank_transfer": {"bank": "permata"}},
    ),
    (
        "charge_echannel_response",
        {"payment_type": "echannel", "echannel": {"bill_info1": "a", "bill_info2": "b"}},
    ),
    ("charge_gopay_response", {"payment_type": "gopay", "gopay": {"enable_callback": True}}),
    (
        "charge_shopeepay_response",
        {"payment_type": "shopeepay", "shopeepay": {"callback_url": "x"}},
    ),
]


@pytest.mark.parametrize(("name", "method"), CHARGES)
def test_fake_charge_answers_like_the_documented_sample(fake_midtrans, name, method):
    answer = _charge(fake_midtrans, f"contract-{name}", **method)
    documented = sample(name)
    assert same_shape(documented, answer) == []
    assert (answer["status_code"], answer["transaction_status"]) == ("201", "pending")
    assert answer["gross_amount"] == "150000.00"  # a string with two decimals, as documented


def test_fake_status_cancel_expire_refund_answer_like_the_samples(fake_midtrans):
    _charge(fake_midtrans, "c-1", payment_type="bank_transfer", bank_transfer={"bank": "bni"})
    fake_midtrans.set_status("c-1", "settlement")
    assert (
        same_shape(
            sample("status_settlement_response"), _api(fake_midtrans, "GET", "/v2/c-1/status")
        )
        == []
    )
    _charge(fake_midtrans, "c-2", payment_type="gopay", gopay={})
    assert (
        same_shape(sample("cancel_response"), _api(fake_midtrans, "POST", "/v2/c-2/cancel")) == []
    )
    _charge(fake_midtrans, "c-3", payment_type="bank_transfer", bank_transfer={"bank": "bri"})
    expired = _api(fake_midtrans, "POST", "/v2/c-3/expire")
    assert same_shape(sample("expire_response"), expired) == [] and expired["status_code"] == "407"
    _charge(fake_midtrans, "c-4", payment_type="qris", qris={})
    fake_midtrans.set_status("c-4", "settlement")
    refund = _api(fake_midtrans, "POST", "/v2/c-4/refund", {"refund_key": "r1", "amount": 50000})
    assert same_shape(sample("refund_response"), refund) == []
    assert refund["transaction_status"] == "partial_refund"


def test_fake_notification_is_shaped_and_signed_as_documented(fake_midtrans):
    _charge(fake_midtrans, "n-1", payment_type="qris", qris={})
    fake_midtrans.set_status("n-1", "settlement")
    notice = json.loads(fake_midtrans.notification("n-1"))
    assert same_shape(sample("notification_settlement"), notice) == []
    expected = signature_key("n-1", notice["status_code"], notice["gross_amount"], SERVER_KEY)
    assert notice["signature_key"] == expected


def test_fake_refuses_a_wrong_server_key(fake_midtrans):
    assert _api(fake_midtrans, "GET", "/v2/x/status", key="wrong")["status_code"] == "401"


@pytest.mark.parametrize(
    ("method", "documented"),
    [("qris", "charge_qris_request"), ("va_bca", "charge_bank_transfer_request")],
)
def test_the_gateway_sends_the_documented_request_fields(fake_midtrans, method, documented):
    from datetime import UTC, datetime, timedelta

    gateway = MidtransGateway(SERVER_KEY, api_base=fake_midtrans.base_url)
    gateway.create_payment(
        PaymentRequest(
            order_id=1,
            order_number=f"R-{method}",
            amount_idr=150_000,
            email="a@b.id",
            idempotency_key=f"k-{method}-attempt-1",
            method=method,
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
        )
    )
    sent = next(body for verb, path, body in fake_midtrans.requests if path == "/v2/charge")
    problems = [p for p in same_shape(sample(documented), sent) if "item_details" not in p]
    assert problems == []


def test_trigger_sends_signed_notifications_duplicated_and_out_of_order(fake_midtrans):
    _charge(fake_midtrans, "t-1", payment_type="qris", qris={})
    received = []
    fake_midtrans.deliver = lambda body: received.append(json.loads(body)) or 200
    answer = requests.post(
        fake_midtrans.base_url + "/_test/trigger",
        json={"order_id": "t-1", "status": "settlement", "times": 2, "then": "pending"},
        timeout=10,
    ).json()
    assert answer == {"sent": [200, 200, 200]}
    assert [n["transaction_status"] for n in received] == ["settlement", "settlement", "pending"]
    for notice in received:
        expected = signature_key("t-1", notice["status_code"], notice["gross_amount"], SERVER_KEY)
        assert notice["signature_key"] == expected
