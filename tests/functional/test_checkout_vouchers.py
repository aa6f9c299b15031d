"""A voucher through the real checkout: the page shows the discount, the order, the gateway and
the ledger use the discounted total, and a refund gives back what was paid."""

from sqlalchemy import func, select

from storefront.earnings import services as ledger
from storefront.earnings.models import LedgerEntry
from storefront.extensions import db
from storefront.payments import refunds
from storefront.payments.paid import mark_paid
from storefront.payments.test_gateway import TestGateway
from storefront.vouchers.models import SHOP_DISCOUNTS_ACCOUNT, VoucherRedemption
from tests.factories import (
    CHECKOUT_FORM,
    cart_add,
    checkout_post,
    latest_order,
    make_maker,
    make_product,
    make_voucher,
)


def _record_payments(monkeypatch) -> list:
    requests = []
    real = TestGateway.create_payment

    def record(self, request):
        requests.append(request)
        return real(self, request)

    monkeypatch.setattr(TestGateway, "create_payment", record)
    return requests


def test_apply_shows_the_discount_without_placing_an_order(client):
    cart_add(client, make_product(price_idr=200_000))
    make_voucher("HEMAT10", percent=10)
    page = client.post(
        "/checkout",
        data={"voucher_code": "hemat10", "apply_voucher": "1", "idempotency_key": "k" * 24},
    )
    assert page.status_code == 200
    assert "−Rp20.000" in page.text
    assert latest_order() is None


def test_an_unknown_code_is_refused_clearly_and_no_order_is_placed(client):
    cart_add(client, make_product())
    page = checkout_post(client, voucher_code="NOPE")
    assert page.status_code == 400
    assert "not valid" in page.text or "tidak berlaku" in page.text
    assert latest_order() is None


def test_discounted_order_charges_pays_posts_and_refunds_the_discounted_total(client, monkeypatch):
    requests = _record_payments(monkeypatch)
    maker = make_maker()
    cart_add(client, make_product(maker=maker, price_idr=200_000), 2)
    make_voucher("TEMAN", kind="fixed", amount_idr=50_000)
    placed = checkout_post(client, voucher_code="teman")
    assert placed.status_code == 302
    order = latest_order()
    assert (order.subtotal_idr, order.discount_idr) == (400_000, 50_000)
    assert order.total_idr == 400_000 + 15_000 - 50_000
    assert [r.amount_idr for r in requests] == [order.total_idr]
    assert mark_paid(order, order.payment_reference, order.total_idr, "evt_paid").value == "paid"
    assert ledger.maker_balance(maker.id) == 360_000  # 90% of the full price: unchanged
    refunds.refund_order(order, actor_id=None, amount_idr=order.total_idr, gateway=TestGateway())
    db.session.expire_all()
    assert ledger.refunded_idr(order) == order.total_idr
    assert ledger.maker_balance(maker.id) == 0
    sums = db.session.execute(
        select(LedgerEntry.account, func.sum(LedgerEntry.amount_idr)).group_by(LedgerEntry.account)
    ).all()
    assert all(total == 0 for _, total in sums), sums
    assert SHOP_DISCOUNTS_ACCOUNT in {account for account, _ in sums}


def test_an_expired_unpaid_order_gives_the_code_back(client):
    from storefront.orders.services import expire_order

    cart_add(client, make_product())
    voucher = make_voucher("SEKALI", max_uses=1)
    checkout_post(client, voucher_code="SEKALI")
    order = latest_order()
    assert expire_order(order)
    db.session.commit()
    db.session.refresh(voucher)
    assert voucher.used_count == 0
    assert db.session.scalar(select(func.count(VoucherRedemption.id))) == 0


def test_posted_prices_are_ignored(client, monkeypatch):
    requests = _record_payments(monkeypatch)
    cart_add(client, make_product(price_idr=100_000))
    checkout_post(client, discount_idr="99000", total_idr="1000", **{"voucher_code": ""})
    assert [r.amount_idr for r in requests] == [115_000]
    assert CHECKOUT_FORM["email"] == latest_order().email


def test_sponsor_report_shows_campaign_spend_net_of_refunds(client):
    from storefront.auth.models import Role
    from storefront.vouchers.models import sponsor_account
    from tests.conftest import login
    from tests.factories import make_campaign, make_sold_order, make_user

    campaign = make_campaign(name="Laut Bersih 2026", budget_idr=500_000)
    account = sponsor_account(campaign.id)
    make_sold_order([(make_maker(), 200_000, 1)], discount_idr=40_000, discount_account=account)
    refunded = make_sold_order(
        [(make_maker(), 100_000, 1)], discount_idr=20_000, discount_account=account
    )
    ledger.record_refund(refunded, refunded.total_idr, "re_all")
    db.session.commit()
    login(client, make_user(Role.SPONSOR))
    html = client.get("/reports", headers={"Accept-Language": "en"}).text
    assert "Laut Bersih 2026" in html
    assert "Rp40.000" in html and "Rp500.000" in html
    csv_text = client.get("/reports.csv").text
    assert "Laut Bersih 2026,500000,40000" in csv_text


def test_admins_create_codes_and_campaigns(client):
    from storefront.auth.models import Role
    from storefront.vouchers.models import SponsorCampaign, Voucher, sponsor_account
    from tests.conftest import login
    from tests.factories import make_user

    login(client, make_user(Role.ADMIN))
    made = client.post(
        "/admin/vouchers/campaigns", data={"name": "Laut Bersih", "budget": "1.000.000"}
    )
    assert made.status_code == 302
    campaign = db.session.scalars(select(SponsorCampaign)).one()
    assert campaign.budget_idr == 1_000_000
    form = {"code": "laut20", "kind": "percent", "percent": "20", "campaign": str(campaign.id)}
    assert client.post("/admin/vouchers/", data=form).status_code == 302
    voucher = db.session.scalars(select(Voucher)).one()
    assert (voucher.code, voucher.ledger_account) == ("LAUT20", sponsor_account(campaign.id))
    assert client.post("/admin/vouchers/", data=form).status_code == 409  # the code exists
    bad = {"code": "NOL", "kind": "fixed", "amount": ""}
    assert client.post("/admin/vouchers/", data=bad).status_code == 400
    assert client.get("/admin/vouchers/").status_code == 200
