"""Midtrans end to end against the fake (tests/fake_midtrans.py): the buyer picks a method on the
pay page, the fake settles, denies or expires it and notifies the shop, duplicated, out of order,
forged, lost; refunds through the API and by bank transfer. The ledger sums to zero after each."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storefront.database import utcnow
from storefront.earnings.models import LedgerEntry
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments import refunds
from storefront.payments.models import ManualRefund, PaymentEvent, PaymentInstruction
from storefront.payments.reconcile import reconcile_all
from tests.fake_midtrans import sign
from tests.midtrans_fixtures import NOTIFICATION_PATH, place_order_for

S = OrderStatus


@pytest.fixture
def order(midtrans_config):
    return place_order_for(150_000)


def _fresh(order: Order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def _events() -> int:
    return db.session.scalar(select(func.count()).select_from(PaymentEvent))


def ledger_total() -> int:
    return db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)))


def _choose(client, order, method: str):
    return client.post(f"/pay/{order.token}/method", data={"method": method})


def test_checkout_with_midtrans_makes_no_payment_until_the_buyer_chooses(client, order):
    assert order.payment_reference is None and order.gateway == "midtrans"
    page = client.get(f"/pay/{order.token}").get_data(as_text=True)
    for value in ("qris", "va_bca", "va_bni", "va_bri", "va_mandiri", "va_permata", "gopay"):
        assert f'value="{value}"' in page
    assert 'value="card"' not in page  # no Stripe keys: no cards


def test_paid_by_qris(client, notify_client, order, fake_midtrans):
    assert _choose(client, order, "qris").status_code == 302
    order = _fresh(order)
    assert order.payment_reference == f"{order.number}-1"
    page = client.get(f"/pay/{order.token}").get_data(as_text=True)
    assert "<svg" in page and 'id="qris-code"' in page and "WIB" in page
    assert fake_midtrans.trigger(order.payment_reference, "settlement") == [200]
    assert _fresh(order).status == S.PAID
    assert ledger_total() == 0
    status = client.get(f"/pay/{order.token}/status").get_json()
    assert status["paid"] is True and status["pending"] is False


@pytest.mark.parametrize(
    ("method", "bank"),
    [("va_bca", "bca"), ("va_bni", "bni"), ("va_bri", "bri"), ("va_permata", "permata")],
)
def test_paid_by_virtual_account(client, notify_client, order, fake_midtrans, method, bank):
    _choose(client, order, method)
    order = _fresh(order)
    instruction = db.session.scalar(select(PaymentInstruction))
    assert instruction.kind == "virtual_account" and instruction.bank == bank
    assert len(instruction.va_number) == 16
    page = client.get(f"/orders/{order.token}").get_data(as_text=True)
    assert instruction.va_number in page and "data-copy" in page and "WIB" in page
    fake_midtrans.trigger(order.payment_reference, "settlement")
    assert _fresh(order).status == S.PAID
    assert ledger_total() == 0


def test_mandiri_is_a_bill_payment_with_a_company_code(client, order):
    _choose(client, order, "va_mandiri")
    instruction = db.session.scalar(select(PaymentInstruction))
    assert instruction.biller_code == "70012" and len(instruction.va_number) == 12


def test_how_to_pay_is_mailed(client, order, app):
    from storefront import mail

    sent = []
    original = mail.send_mail

    def capture(to, subject, template, locale, **ctx):
        sent.append((to, template, ctx))
        return original(to, subject, template, locale, **ctx)

    import storefront.payments.instructions as instructions

    instructions.send_mail = capture
    try:
        _choose(client, order, "va_bni")
    finally:
        instructions.send_mail = original
    ((to, template, ctx),) = sent
    assert to == order.email and template == "how_to_pay"
    assert ctx["instruction"].va_number


@pytest.mark.parametrize("wallet", ["gopay", "shopeepay"])
def test_paid_by_e_wallet(client, notify_client, order, fake_midtrans, wallet):
    _choose(client, order, wallet)
    instruction = db.session.scalar(select(PaymentInstruction))
    assert instruction.kind == "deeplink" and f"/{wallet}/deeplink" in instruction.url
    charge = next(body for method, path, body in fake_midtrans.requests if path == "/v2/charge")
    assert charge[wallet]["callback_url"].endswith(f"/orders/{order.token}")
    fake_midtrans.trigger(_fresh(order).payment_reference, "settlement")
    assert _fresh(order).status == S.PAID
    assert ledger_total() == 0


def test_expired_payment_cancels_the_order_and_gives_the_stock_back(
    client, notify_client, order, fake_midtrans
):
    _choose(client, order, "va_bca")
    product = order.lines[0].product_id
    assert fake_midtrans.trigger(_fresh(order).payment_reference, "expire") == [200]
    assert [(e.type, e.flag) for e in db.session.scalars(select(PaymentEvent))] == [("expired", "")]
    assert _fresh(order).status == S.CANCELLED
    from storefront.catalog.models import Product

    assert db.session.get(Product, product).stock == 1
    assert ledger_total() == 0


def test_denied_payment_keeps_the_order_pending(client, notify_client, order, fake_midtrans):
    _choose(client, order, "gopay")
    assert fake_midtrans.trigger(_fresh(order).payment_reference, "deny") == [200]
    assert _fresh(order).status == S.PENDING_PAYMENT
    assert _events() == 1 and ledger_total() == 0
    client.post(f"/pay/{order.token}/change")  # she tries another way
    assert _fresh(order).payment_reference is None
    _choose(client, order, "qris")
    assert _fresh(order).payment_reference == f"{order.number}-2"


def test_notification_replayed_three_times_and_a_late_pending_change_nothing_twice(
    client, notify_client, order, fake_midtrans
):
    _choose(client, order, "qris")
    answers = fake_midtrans.trigger(
        _fresh(order).payment_reference, "settlement", times=3, then="pending"
    )
    assert answers == [200, 200, 200, 200]
    order = _fresh(order)
    assert order.status == S.PAID
    assert _events() == 1  # one settlement; the replays and the late pending were the same event
    assert len([c for c in order.history if c.to_status == S.PAID]) == 1
    assert ledger_total() == 0


def test_forged_signature_is_400_and_writes_nothing(client, notify_client, order, fake_midtrans):
    _choose(client, order, "qris")
    reference = _fresh(order).payment_reference
    fake_midtrans.set_status(reference, "settlement")
    forged = fake_midtrans.notification(reference, key="not-the-server-key")
    assert (
        client.post(NOTIFICATION_PATH, data=forged, content_type="application/json").status_code
        == 400
    )
    body = json.loads(fake_midtrans.notification(reference))
    body["gross_amount"] = "1.00"  # changed after signing
    response = client.post(
        NOTIFICATION_PATH, data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    unsigned = {k: v for k, v in body.items() if k != "signature_key"}
    response = client.post(
        NOTIFICATION_PATH, data=json.dumps(unsigned), content_type="application/json"
    )
    assert response.status_code == 400
    assert (
        client.post(
            NOTIFICATION_PATH, data=b"not json", content_type="application/json"
        ).status_code
        == 400
    )
    assert (_fresh(order).status, _events()) == (S.PENDING_PAYMENT, 0)


def test_gross_amount_is_hashed_exactly_as_received(midtrans_config):
    from storefront.payments.gateway import InvalidSignature
    from storefront.payments.midtrans_gateway import MidtransGateway

    gateway = MidtransGateway("key")
    body = {"order_id": "A-1", "status_code": "200", "gross_amount": "150000.00"}
    good = {**body, "signature_key": sign("A-1", "200", "150000.00", "key")}
    assert gateway.verify_notification(json.dumps(good).encode())["order_id"] == "A-1"
    reformatted = {**body, "gross_amount": "150000", "signature_key": good["signature_key"]}
    with pytest.raises(InvalidSignature):
        gateway.verify_notification(json.dumps(reformatted).encode())


def test_amount_mismatch_is_200_flagged_and_moves_nothing(
    client, notify_client, order, fake_midtrans
):
    _choose(client, order, "qris")
    reference = _fresh(order).payment_reference
    fake_midtrans.transactions[reference]["gross_amount"] = "1000.00"  # not the order's total
    assert fake_midtrans.trigger(reference, "settlement") == [200]
    event = db.session.scalar(select(PaymentEvent))
    assert "amount 1000" in event.flag
    assert _fresh(order).status == S.PENDING_PAYMENT and ledger_total() == 0


def test_notification_for_an_order_the_shop_does_not_have_is_200_and_flagged(
    client, notify_client, order, fake_midtrans, midtrans_config
):
    from storefront.payments.gateway import PaymentRequest
    from storefront.payments.midtrans_gateway import MidtransGateway

    gateway = MidtransGateway(
        midtrans_config["MIDTRANS_SERVER_KEY"], api_base=fake_midtrans.base_url
    )
    stranger = PaymentRequest(
        order_id=999,
        order_number="AN000000-XXXXX",
        amount_idr=150_000,
        email="x@example.com",
        idempotency_key="x-attempt-1",
        method="qris",
    )
    gateway.create_payment(stranger)
    assert fake_midtrans.trigger("AN000000-XXXXX-1", "settlement") == [200]
    event = db.session.scalar(select(PaymentEvent))
    assert event.flag == "no matching order" and event.order_id is None
    assert _fresh(order).status == S.PENDING_PAYMENT and ledger_total() == 0


def test_lost_notification_then_the_reconciler_marks_it_paid_exactly_once(
    client, order, fake_midtrans, runner
):
    _choose(client, order, "va_bri")
    reference = _fresh(order).payment_reference
    fake_midtrans.trigger(reference, "settlement", notify=False)  # its notification is lost
    assert _fresh(order).status == S.PENDING_PAYMENT
    result = runner.invoke(args=["reconcile-payments", "--minutes", "0"])
    assert "1 settled" in result.output
    assert _fresh(order).status == S.PAID
    reconcile_all(minutes=0)  # again: nothing pending, nothing posted twice
    assert _events() == 1 and ledger_total() == 0


def test_reconciler_leaves_a_recent_pending_payment_alone(client, order, fake_midtrans):
    _choose(client, order, "qris")
    assert reconcile_all(minutes=15).checked == 0


def _paid_by(client, order, fake_midtrans, method):
    _choose(client, order, method)
    fake_midtrans.trigger(_fresh(order).payment_reference, "settlement")
    order = _fresh(order)
    assert order.status == S.PAID
    return order


def test_partial_then_full_refund_through_the_api(client, notify_client, order, fake_midtrans):
    order = _paid_by(client, order, fake_midtrans, "qris")
    refunds.refund_order(order, actor_id=None, amount_idr=50_000, token="t1")
    assert ledger_total() == 0 and _fresh(order).status == S.PAID
    tx = fake_midtrans.transactions[order.payment_reference]
    assert tx["transaction_status"] == "partial_refund"
    # Midtrans notifies the partial refund: the ledger already holds it, nothing posts twice.
    fake_midtrans.send(fake_midtrans.notification(order.payment_reference))
    assert ledger_total() == 0
    refunds.refund_order(_fresh(order), actor_id=None, amount_idr=100_000, token="t2")
    fake_midtrans.send(fake_midtrans.notification(order.payment_reference))
    order = _fresh(order)
    assert order.status == S.REFUNDED and tx["transaction_status"] == "refund"
    assert [r["refund_amount"] for r in tx["refunds"]] == ["50000.00", "100000.00"]
    assert ledger_total() == 0


def test_virtual_account_refund_asks_for_a_bank_transfer_then_posts_it_by_hand(
    client, notify_client, order, fake_midtrans
):
    order = _paid_by(client, order, fake_midtrans, "va_bca")
    with pytest.raises(refunds.RefundByBankTransfer):
        refunds.refund_order(order, actor_id=None, amount_idr=150_000)
    assert _fresh(order).status == S.PAID and not fake_midtrans.transactions[
        order.payment_reference
    ].get("refunds")
    transfer = refunds.BankTransfer(
        bank="BCA", account_holder="Ibu Pembeli", account_number="1234567890", reference="TRF-001"
    )
    refund_id = refunds.refund_order(
        _fresh(order), actor_id=None, amount_idr=150_000, transfer=transfer
    )
    order = _fresh(order)
    assert order.status == S.REFUNDED
    record = db.session.scalar(select(ManualRefund))
    assert (record.refund_id, record.bank, record.transfer_reference, record.amount_idr) == (
        refund_id,
        "BCA",
        "TRF-001",
        150_000,
    )
    assert ledger_total() == 0


def test_qris_refund_refused_by_the_issuer_goes_by_bank_transfer(
    client, notify_client, order, fake_midtrans
):
    order = _paid_by(client, order, fake_midtrans, "qris")
    fake_midtrans.refuse_refunds.add(order.payment_reference)
    with pytest.raises(refunds.RefundByBankTransfer):
        refunds.refund_order(order, actor_id=None, amount_idr=40_000)
    transfer = refunds.BankTransfer("BNI", "Ibu Pembeli", "0987654321", "TRF-002")
    refunds.refund_order(_fresh(order), actor_id=None, amount_idr=40_000, transfer=transfer)
    assert _fresh(order).status == S.PAID and ledger_total() == 0


def test_payment_deadline_never_outlives_the_reservation(client, order, fake_midtrans, app):
    _choose(client, order, "qris")
    charge = next(body for method, path, body in fake_midtrans.requests if path == "/v2/charge")
    left = order.reserved_until.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
    assert 1 <= charge["custom_expiry"]["expiry_duration"] < left.total_seconds() / 60
    instruction = db.session.scalar(select(PaymentInstruction))
    assert instruction.expires_at.replace(tzinfo=None) <= order.reserved_until.replace(tzinfo=None)


def test_a_reservation_about_to_end_takes_no_new_payment(client, order, fake_midtrans):
    order.reserved_until = utcnow() + timedelta(seconds=30)
    db.session.commit()
    _choose(client, order, "qris")
    assert _fresh(order).payment_reference is None
    assert not [p for m, p, b in fake_midtrans.requests if p == "/v2/charge"]


def test_payment_after_the_item_was_resold_goes_to_review(
    client, notify_client, order, fake_midtrans, app
):
    from storefront.payments import expiry
    from tests.factories import cart_add, checkout_post

    _choose(client, order, "va_bni")
    reference = _fresh(order).payment_reference
    # The reservation ended and the VA was never paid: the shop cancels it (Midtrans expires it).
    order = _fresh(order)
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    # A payment the bank accepted just before the deadline lands now.
    released = expiry.release_expired(utcnow())
    assert released == 1 and _fresh(order).status == S.CANCELLED
    other = app.test_client()
    from storefront.catalog.models import Product

    cart_add(other, db.session.get(Product, order.lines[0].product_id))
    checkout_post(other)
    fake_midtrans.transactions[reference]["transaction_status"] = "pending"  # the bank's late pay
    fake_midtrans.trigger(reference, "settlement")
    order = _fresh(order)
    assert order.status in (S.NEEDS_REVIEW, S.REFUNDED)
    assert ledger_total() == 0


def test_changing_the_method_stops_the_open_payment_first(client, order, fake_midtrans):
    _choose(client, order, "qris")
    first = _fresh(order).payment_reference
    client.post(f"/pay/{order.token}/change")
    assert fake_midtrans.transactions[first]["transaction_status"] == "expire"
    order = _fresh(order)
    assert order.payment_reference is None
    _choose(client, order, "va_bca")
    assert _fresh(order).payment_reference == f"{order.number}-2"


def test_notification_endpoint_is_404_without_midtrans(client):
    assert (
        client.post(NOTIFICATION_PATH, data=b"{}", content_type="application/json").status_code
        == 404
    )
