"""A state machine over sales, refunds, payouts and replays that checks the ledger's invariants."""

from datetime import date

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)
from sqlalchemy import func, select

from storefront.earnings import month_totals, services
from storefront.earnings.allocation import allocate, split_refund
from storefront.earnings.models import LedgerEntry, LedgerMonth, MakerMonth
from storefront.extensions import db
from storefront.money import fee_split
from storefront.orders.models import Order
from tests.conftest import _truncate_all
from tests.factories import make_maker, make_sold_order

FEES = [None, 0, 500, 1250]


class LedgerMachine(RuleBasedStateMachine):
    orders = Bundle("orders")

    @initialize()
    def start(self):
        db.session.remove()
        _truncate_all()
        self.makers = [make_maker(fee_bps=bps) for bps in FEES]
        self.shares = {m.id: 0 for m in self.makers}
        self.refunded_shares = {m.id: 0 for m in self.makers}
        self.paid = {m.id: 0 for m in self.makers}
        self.fees = 0
        self.refunded_fees = 0
        self.refunds = 0
        self.model = {}

    @rule(
        target=orders,
        lines=st.lists(
            st.tuples(st.integers(0, 3), st.integers(1_000, 2_000_000), st.integers(1, 4)),
            min_size=1,
            max_size=4,
        ),
        shipping=st.integers(0, 50_000),
    )
    def sale(self, lines, shipping):
        spec = [(self.makers[i], price, qty) for i, price, qty in lines]
        order = make_sold_order(spec, shipping_idr=shipping)
        parts = []
        for maker, price, qty in spec:
            bps = 1000 if maker.fee_bps is None else maker.fee_bps
            share, fee = fee_split(price * qty, bps)
            self.shares[maker.id] += share
            self.fees += fee
            parts.append([maker.id, share, fee])
        parts.append([None, shipping, 0])
        self.model[order.id] = parts  # the model's own record of what is left to refund
        return order.id

    def _left(self, order_id):
        return sum(share + fee for _, share, fee in self.model[order_id])

    def _refund(self, order_id, amount):
        """Refund through the service, and in the model with the pure arithmetic."""
        parts = self.model[order_id]
        split = allocate(amount, [share + fee for _, share, fee in parts])
        for part, piece in zip(parts, split, strict=True):
            share, fee = split_refund(piece, part[1], part[2])
            part[1] -= share
            part[2] -= fee
            if part[0] is not None:
                self.refunded_shares[part[0]] += share
                self.refunded_fees += fee
        order = db.session.get(Order, order_id)
        reference = f"re_{self.refunds}"
        self.refunds += 1
        assert services.record_refund(order, amount, reference)
        db.session.commit()
        return order, reference

    @rule(order_id=orders, fraction=st.floats(0.01, 0.99))
    def partial_refund(self, order_id, fraction):
        left = self._left(order_id)
        amount = max(1, int(left * fraction))
        if left > 1:
            order, reference = self._refund(order_id, amount)
            # A replay of the same gateway refund posts nothing.
            assert not services.record_refund(order, amount, reference)

    @rule(order_id=consumes(orders))
    def full_refund(self, order_id):
        if self._left(order_id):
            self._refund(order_id, self._left(order_id))
        assert services.refundable_idr(db.session.get(Order, order_id)) == 0

    @rule(order_id=orders)
    def replayed_sale(self, order_id):
        assert services.record_sale(db.session.get(Order, order_id)) is False

    @rule(index=st.integers(0, 3), amount=st.integers(1, 3_000_000))
    def payout(self, index, amount):
        maker = self.makers[index]
        balance = services.maker_balance(maker.id)
        services.record_payout(
            maker,
            amount,
            paid_on=date.today(),
            method="cash",
            confirm_over_balance=amount > balance,
        )
        self.paid[maker.id] += amount

    @invariant()
    def all_entries_sum_to_zero(self):
        total = db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)))
        assert total == 0

    @invariant()
    def each_balance_is_shares_less_refunds_less_payouts(self):
        for maker_id, share in self.shares.items():
            expected = share - self.refunded_shares[maker_id] - self.paid[maker_id]
            assert services.maker_balance(maker_id) == expected

    @invariant()
    def running_monthly_totals_equal_the_ledger(self):
        stored = _month_totals()
        month_totals.rebuild()
        db.session.flush()
        rebuilt = _month_totals()
        db.session.rollback()
        assert stored == rebuilt

    @invariant()
    def platform_fees_are_fees_less_refunded_fees(self):
        assert services.platform_fee_income() == self.fees - self.refunded_fees


def _month_totals():
    makers = db.session.execute(
        select(MakerMonth.maker_id, MakerMonth.month, MakerMonth.income_idr, MakerMonth.units)
        .where((MakerMonth.income_idr != 0) | (MakerMonth.units != 0))
        .order_by(MakerMonth.maker_id, MakerMonth.month)
    ).all()
    months = db.session.execute(select(LedgerMonth).order_by(LedgerMonth.month)).scalars()
    return makers, [
        tuple(getattr(row, name) for name in month_totals.LEDGER_SUMS) for row in months
    ]


LedgerMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_ledger_state_machine(app):
    LedgerMachine.TestCase().runTest()
