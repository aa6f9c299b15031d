"""Voucher rules and limits, and the ledger of a discounted sale and its refunds: every posting
sums to zero, the discount is paid by the shop or a sponsor campaign, never by the makers."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storefront.database import utcnow
from storefront.earnings import services as ledger
from storefront.earnings.models import LedgerEntry, LedgerTransaction
from storefront.extensions import db
from storefront.vouchers import services as vouchers
from storefront.vouchers.models import SHOP_DISCOUNTS_ACCOUNT, Voucher, sponsor_account
from tests.factories import (
    make_campaign,
    make_category,
    make_maker,
    make_product,
    make_sold_order,
    make_voucher,
)


def _lines(*products_and_totals):
    return [vouchers.PricedLine(p, total) for p, total in products_and_totals]


def _account(account: str) -> int:
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)).where(
                LedgerEntry.account == account
            )
        )
    )


def _every_posting_balances() -> None:
    sums = db.session.execute(
        select(LedgerTransaction.reference, func.sum(LedgerEntry.amount_idr))
        .join(LedgerEntry)
        .group_by(LedgerTransaction.reference)
    ).all()
    assert sums and all(total == 0 for _, total in sums), sums


# --- rules and limits ---


def test_percentage_is_rounded_down_and_fixed_never_exceeds_the_items(app):
    product = make_product(price_idr=99_999)
    make_voucher("TEN", percent=10)
    make_voucher("BIG", kind="fixed", amount_idr=500_000)
    assert vouchers.check_voucher("ten", _lines((product, 99_999))).amount_idr == 9_999
    assert vouchers.check_voucher(" big ", _lines((product, 99_999))).amount_idr == 99_999


def test_minimum_order_dates_and_inactive_codes_are_refused(app):
    product = make_product()
    now = utcnow()
    make_voucher("MIN", min_order_idr=200_000)
    make_voucher("SOON", starts_at=now + timedelta(days=1))
    make_voucher("GONE", ends_at=now - timedelta(minutes=1))
    make_voucher("OFF", is_active=False)
    lines = _lines((product, 150_000))
    for code in ("MIN", "SOON", "GONE", "OFF", "NOSUCH"):
        with pytest.raises(vouchers.VoucherRefused):
            vouchers.check_voucher(code, lines)
    assert vouchers.check_voucher("MIN", _lines((product, 200_000))).amount_idr == 20_000


def test_a_code_limited_to_a_category_or_maker_discounts_only_those_items(app):
    bags = make_category(slug="tas")
    siti = make_maker()
    bag = make_product(category=bags, price_idr=100_000)
    pouch = make_product(maker=siti, price_idr=50_000)
    make_voucher("TAS", percent=20, category_id=bags.id)
    make_voucher("SITI", percent=20, maker_id=siti.id)
    lines = _lines((bag, 100_000), (pouch, 50_000))
    assert vouchers.check_voucher("TAS", lines).amount_idr == 20_000
    assert vouchers.check_voucher("SITI", lines).amount_idr == 10_000
    with pytest.raises(vouchers.VoucherRefused) as refused:
        vouchers.check_voucher("SITI", _lines((bag, 100_000)))
    assert type(refused.value) is vouchers.VoucherRefused


def test_total_and_per_buyer_limits(app):
    product = make_product()
    order_a = make_sold_order([(make_maker(), 150_000, 1)], email="a@example.com")
    order_b = make_sold_order([(make_maker(), 150_000, 1)], email="b@example.com")
    voucher = make_voucher("ONCE", per_buyer_limit=1, max_uses=2)
    lines = _lines((product, 150_000))
    vouchers.take_use(vouchers.check_voucher("ONCE", lines), order_a.id, "a@example.com", None)
    db.session.commit()
    with pytest.raises(vouchers.VoucherRefused) as refused:  # the same buyer, whatever the case
        vouchers.check_voucher("ONCE", lines, email="A@example.com")
    assert type(refused.value) is vouchers.VoucherRefused  # her limit, not the code's
    vouchers.take_use(vouchers.check_voucher("ONCE", lines), order_b.id, "b@example.com", None)
    db.session.commit()
    with pytest.raises(vouchers.VoucherUsedUp):
        vouchers.check_voucher("ONCE", lines, email="c@example.com")
    db.session.refresh(voucher)
    assert voucher.used_count == 2


def test_taking_a_use_that_is_gone_fails_even_after_the_check_passed(app):
    product = make_product()
    order = make_sold_order([(make_maker(), 150_000, 1)])
    other = make_sold_order([(make_maker(), 150_000, 1)])
    make_voucher("LAST", max_uses=1)
    first = vouchers.check_voucher("LAST", _lines((product, 150_000)))
    second = vouchers.check_voucher("LAST", _lines((product, 150_000)))
    vouchers.take_use(first, order.id, "a@example.com", None)
    with pytest.raises(vouchers.VoucherUsedUp):
        vouchers.take_use(second, other.id, "b@example.com", None)


def test_a_cancelled_order_gives_its_use_and_budget_back(app):
    campaign = make_campaign(budget_idr=30_000)
    order = make_sold_order([(make_maker(), 150_000, 1)], record=False)
    voucher = make_voucher("SPONSOR", kind="fixed", amount_idr=30_000, campaign=campaign)
    vouchers.take_use(
        vouchers.check_voucher("SPONSOR", _lines((make_product(), 150_000))),
        order.id,
        "a@example.com",
        None,
    )
    db.session.commit()
    db.session.refresh(campaign)
    assert campaign.committed_idr == 30_000
    vouchers.release_use(order.id)
    db.session.commit()
    db.session.refresh(campaign)
    db.session.refresh(voucher)
    assert (campaign.committed_idr, voucher.used_count) == (0, 0)


def test_a_sponsor_code_stops_when_its_budget_is_spent(app):
    campaign = make_campaign(budget_idr=40_000)
    make_voucher("HALF", kind="fixed", amount_idr=30_000, campaign=campaign)
    lines = _lines((make_product(), 150_000))
    first = make_sold_order([(make_maker(), 150_000, 1)], record=False)
    second = make_sold_order([(make_maker(), 150_000, 1)], record=False)
    vouchers.take_use(vouchers.check_voucher("HALF", lines), first.id, "a@example.com", None)
    with pytest.raises(vouchers.VoucherUsedUp):
        vouchers.take_use(vouchers.check_voucher("HALF", lines), second.id, "b@example.com", None)


# --- the ledger ---


def test_shop_funded_discount_leaves_the_makers_net_unchanged(app):
    siti, rina = make_maker(), make_maker(fee_bps=500)
    make_sold_order(
        [(siti, 150_000, 2), (rina, 45_000, 1)],
        shipping_idr=20_000,
        discount_idr=34_500,
        discount_account=SHOP_DISCOUNTS_ACCOUNT,
    )
    assert ledger.maker_balance(siti.id) == 270_000  # as without the voucher
    assert ledger.maker_balance(rina.id) == 42_750
    assert _account("customer_payments") == -(345_000 + 20_000 - 34_500)
    assert _account(SHOP_DISCOUNTS_ACCOUNT) == -34_500
    _every_posting_balances()


def test_full_refund_of_a_discounted_order_returns_what_was_paid_and_zeroes_every_account(app):
    siti, rina = make_maker(), make_maker(fee_bps=750)
    order = make_sold_order(
        [(siti, 33_333, 3), (rina, 10_001, 1)],
        shipping_idr=9_999,
        discount_idr=11_111,
        discount_account=SHOP_DISCOUNTS_ACCOUNT,
    )
    assert ledger.refundable_idr(order) == order.total_idr
    ledger.record_refund(order, 12_345, "re_a")
    ledger.record_refund(order, order.total_idr - 12_345, "re_b")
    db.session.commit()
    assert ledger.refunded_idr(order) == order.total_idr
    assert ledger.refundable_idr(order) == 0
    for account in (SHOP_DISCOUNTS_ACCOUNT, "customer_payments", "platform_fees", "shipping"):
        assert _account(account) == 0, account
    assert ledger.maker_balance(siti.id) == ledger.maker_balance(rina.id) == 0
    _every_posting_balances()


def test_partial_refund_shares_the_discount_in_proportion(app):
    maker = make_maker()
    order = make_sold_order(
        [(maker, 100_000, 2)], discount_idr=20_000, discount_account=SHOP_DISCOUNTS_ACCOUNT
    )
    ledger.record_refund(order, 90_000, "re_half")  # half of the 180,000 paid
    db.session.commit()
    assert _account(SHOP_DISCOUNTS_ACCOUNT) == -10_000  # half the discount reversed
    assert ledger.maker_balance(maker.id) == 90_000  # half of her 180,000 share
    assert ledger.refundable_idr(order) == 90_000
    _every_posting_balances()


def test_refunding_an_item_of_a_discounted_order_returns_what_was_paid_for_it(app):
    siti, rina = make_maker(), make_maker()
    order = make_sold_order(
        [(siti, 100_000, 1), (rina, 100_000, 1)],
        discount_idr=50_000,
        discount_account=SHOP_DISCOUNTS_ACCOUNT,
    )
    line = order.lines[0]
    paid = ledger.paid_for_lines(order, {line.id: 100_000})
    assert paid == 75_000
    ledger.record_refund(order, paid, "re_item", line_amounts={line.id: 100_000})
    db.session.commit()
    assert ledger.maker_balance(siti.id) == 0
    assert ledger.maker_balance(rina.id) == 90_000
    assert ledger.refundable_idr(order) == 75_000
    _every_posting_balances()


def test_sponsor_discount_is_posted_to_the_campaign_and_reversed_by_a_refund(app):
    campaign = make_campaign()
    maker = make_maker()
    account = sponsor_account(campaign.id)
    order = make_sold_order([(maker, 200_000, 1)], discount_idr=50_000, discount_account=account)
    assert _account(account) == -50_000
    assert _account(SHOP_DISCOUNTS_ACCOUNT) == 0
    assert ledger.maker_balance(maker.id) == 180_000
    ledger.record_refund(order, order.total_idr, "re_all")
    db.session.commit()
    assert _account(account) == 0
    _every_posting_balances()


def test_voucher_rows_exist(app):
    assert db.session.scalar(select(func.count(Voucher.id))) == 0


def test_the_per_buyer_limit_is_checked_again_when_the_use_is_taken(app):
    product = make_product()
    first = make_sold_order([(make_maker(), 150_000, 1)], record=False)
    second = make_sold_order([(make_maker(), 150_000, 1)], record=False)
    make_voucher("SATU", per_buyer_limit=1)
    lines = _lines((product, 150_000))
    checked_twice = [vouchers.check_voucher("SATU", lines, email="a@example.com") for _ in "ab"]
    vouchers.take_use(checked_twice[0], first.id, "a@example.com", None)
    with pytest.raises(vouchers.VoucherRefused):
        vouchers.take_use(checked_twice[1], second.id, "A@example.com", None)
