"""The ledger's rules against the database: balanced, once per reference, append-only."""

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from storefront.earnings import services
from storefront.earnings.models import LedgerEntry, LedgerError, LedgerTransaction, Payout
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from tests.conftest import is_postgres
from tests.factories import make_maker, make_sold_order


def _total() -> int:
    return db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)))


def test_sale_posts_maker_share_fee_and_shipping_that_sum_to_zero(app):
    siti, rina = make_maker(), make_maker(fee_bps=500)
    make_sold_order([(siti, 150_000, 2), (rina, 45_000, 1)], shipping_idr=20_000)
    assert services.maker_balance(siti.id) == 270_000
    assert services.maker_balance(rina.id) == 42_750
    assert services.platform_fee_income() == 30_000 + 2_250
    assert _total() == 0


def test_replayed_sale_posts_once(app):
    order = make_sold_order([(make_maker(), 100_000, 1)])
    assert services.record_sale(order) is False
    assert db.session.scalar(select(func.count(LedgerTransaction.id))) == 1


def test_replayed_refund_posts_once(app):
    maker = make_maker()
    order = make_sold_order([(maker, 100_000, 1)])
    assert services.record_refund(order, 40_000, "re_1") is True
    assert services.record_refund(order, 40_000, "re_1") is False
    db.session.commit()
    assert services.maker_balance(maker.id) == 90_000 - 36_000


def test_full_refund_reverses_every_posting_exactly(app):
    siti, rina = make_maker(), make_maker(fee_bps=750)
    order = make_sold_order([(siti, 33_333, 3), (rina, 10_001, 1)], shipping_idr=9_999)
    services.record_refund(order, 12_345, "re_a")
    services.record_refund(order, order.total_idr - 12_345, "re_b")
    db.session.commit()
    assert services.maker_balance(siti.id) == 0
    assert services.maker_balance(rina.id) == 0
    assert services.platform_fee_income() == 0
    assert services.refundable_idr(order) == 0


def test_refund_larger_than_what_is_left_is_refused(app):
    order = make_sold_order([(make_maker(), 100_000, 1)], shipping_idr=10_000)
    with pytest.raises(DomainError):
        services.record_refund(order, 110_001, "re_big")


def test_per_line_refund_touches_only_that_line(app):
    siti, rina = make_maker(), make_maker()
    order = make_sold_order([(siti, 100_000, 2), (rina, 50_000, 1)])
    line = order.lines[0]
    services.record_refund(order, 100_000, "re_line", line_amounts={line.id: 100_000})
    db.session.commit()
    assert services.maker_balance(siti.id) == 90_000
    assert services.maker_balance(rina.id) == 45_000


def test_refund_of_an_order_whose_sale_was_never_posted_posts_nothing(app):
    order = make_sold_order([(make_maker(), 100_000, 1)], record=False)
    assert services.record_refund(order, 100_000, "re_x") is False


def test_unbalanced_posting_is_refused_before_it_reaches_the_database(app):
    tx = LedgerTransaction(reference="manual:1", kind="sale")
    tx.add("platform_fees", 5)
    db.session.add(tx)
    with pytest.raises(LedgerError):
        db.session.flush()
    db.session.rollback()


def test_ledger_entries_cannot_be_updated_through_the_orm(app):
    make_sold_order([(make_maker(), 100_000, 1)])
    entry = db.session.scalars(select(LedgerEntry)).first()
    entry.amount_idr = 1
    with pytest.raises(LedgerError):
        db.session.flush()
    db.session.rollback()


def test_ledger_transactions_cannot_be_deleted_through_the_orm(app):
    make_sold_order([(make_maker(), 100_000, 1)])
    db.session.delete(db.session.scalars(select(LedgerTransaction)).first())
    with pytest.raises(LedgerError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE ledger_entry SET amount_idr = 1", "DELETE FROM ledger_entry", "DELETE FROM payout"],
)
def test_history_cannot_be_rewritten_by_sql_on_postgresql_or_the_orm_anywhere(app, statement):
    maker = make_maker()
    make_sold_order([(maker, 100_000, 1)])
    services.record_payout(maker, 1_000, paid_on=date.today(), method="cash")
    if is_postgres():  # the migration's trigger
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
    else:  # SQLite has no trigger (tests truncate with DELETE); the ORM guard still holds
        db.session.delete(db.session.scalars(select(Payout)).first())
        with pytest.raises(LedgerError):
            db.session.flush()
    db.session.rollback()


def test_payout_over_the_balance_needs_confirmation(app):
    maker = make_maker()
    make_sold_order([(maker, 100_000, 1)])
    with pytest.raises(Conflict):
        services.record_payout(maker, 90_001, paid_on=date.today(), method="cash")
    services.record_payout(
        maker, 90_001, paid_on=date.today(), method="cash", confirm_over_balance=True
    )
    assert services.maker_balance(maker.id) == -1


def test_payout_by_ewallet_needs_a_known_wallet(app):
    maker = make_maker()
    make_sold_order([(maker, 100_000, 1)])
    with pytest.raises(DomainError):
        services.record_payout(
            maker, 1_000, paid_on=date.today(), method="ewallet", provider="PayPal"
        )
    assert db.session.scalar(select(func.count(Payout.id))) == 0


def test_refund_after_payout_leaves_a_negative_balance(app):
    maker = make_maker()
    order = make_sold_order([(maker, 100_000, 1)])
    services.record_payout(maker, 90_000, paid_on=date.today(), method="bank", provider="BRI")
    services.record_refund(order, 100_000, "re_after")
    db.session.commit()
    assert services.maker_balance(maker.id) == -90_000


def test_cumulative_refund_report_posts_only_the_difference(app):
    maker = make_maker()
    order = make_sold_order([(maker, 100_000, 1)])
    services.record_refund(order, 30_000, "re_admin")
    assert services.record_refund_to_total(order, 30_000, "evt_same") is False
    assert services.record_refund_to_total(order, 50_000, "evt_more") is True
    db.session.commit()
    assert services.refunded_idr(order) == 50_000
    assert services.maker_balance(maker.id) == 90_000 - 45_000
