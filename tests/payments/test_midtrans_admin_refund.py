"""The admin's refund form for a payment Midtrans cannot refund (a virtual account): the form
says so and opens the bank-transfer fields; the transfer is then recorded and posted."""

from sqlalchemy import func, select

from storefront.earnings.models import LedgerEntry
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus
from storefront.payments.models import ManualRefund
from tests.factories import make_user
from tests.midtrans_fixtures import place_order_for

EN = {"Accept-Language": "en"}


def test_virtual_account_refund_by_bank_transfer_through_the_admin_form(
    client, login_as, midtrans_config, notify_client, fake_midtrans
):
    order = place_order_for(150_000)
    client.post(f"/pay/{order.token}/method", data={"method": "va_permata"})
    db.session.expire_all()
    fake_midtrans.trigger(order.payment_reference, "settlement")
    login_as(make_user("admin"))
    url = f"/admin/orders/{order.id}/refund"
    client.set_cookie("lang", "en")
    refused = client.post(url, data={"amount": "150000", "token": "tok1"})
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "cannot refund this payment method" in page and 'id="bank-refund" open' in page
    incomplete = client.post(url, data={"amount": "150000", "token": "tok2", "bank": "BCA"})
    assert incomplete.status_code == 400 and "Fill in every field" in incomplete.get_data(
        as_text=True
    )
    done = client.post(
        url,
        data={
            "amount": "150000",
            "token": "tok3",
            "bank": "BCA",
            "account_holder": "Ibu Pembeli",
            "account_number": "1234567890",
            "transfer_reference": "TRF-77",
        },
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.REFUNDED
    assert db.session.scalar(select(ManualRefund.transfer_reference)) == "TRF-77"
    assert db.session.scalar(select(func.sum(LedgerEntry.amount_idr))) == 0
    detail = client.get(f"/admin/orders/{order.id}").get_data(as_text=True)
    assert "Refunds by bank transfer" in detail and "TRF-77" in detail and "1234567890" in detail
