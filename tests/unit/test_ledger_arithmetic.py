"""Property tests of the fee split and refund proportions: no rupiah is created or lost."""

from hypothesis import given
from hypothesis import strategies as st

from storefront.earnings.allocation import allocate, split_refund
from storefront.money import fee_split

prices = st.integers(min_value=1_000, max_value=100_000_000)
fees = st.integers(min_value=0, max_value=10_000)
weights = st.lists(st.integers(min_value=0, max_value=50_000_000), min_size=1, max_size=8).filter(
    lambda ws: sum(ws) > 0
)


@given(prices, st.integers(min_value=1, max_value=20), fees)
def test_maker_share_and_fee_add_up_to_the_line_total(price, quantity, bps):
    share, fee = fee_split(price * quantity, bps)
    assert share + fee == price * quantity
    assert 0 <= fee <= price * quantity * bps / 10_000


@given(weights, st.data())
def test_allocation_parts_sum_to_the_amount_and_never_exceed_a_weight(ws, data):
    amount = data.draw(st.integers(min_value=0, max_value=sum(ws)))
    parts = allocate(amount, ws)
    assert sum(parts) == amount
    assert all(0 <= part <= weight for part, weight in zip(parts, ws, strict=True))


@given(weights)
def test_allocating_everything_gives_each_part_its_whole_weight(ws):
    assert allocate(sum(ws), ws) == ws


@given(weights, st.data())
def test_allocation_stays_within_one_rupiah_of_the_exact_proportion(ws, data):
    amount = data.draw(st.integers(min_value=0, max_value=sum(ws)))
    for part, weight in zip(allocate(amount, ws), ws, strict=True):
        assert abs(part - amount * weight / sum(ws)) < 1


@given(prices, fees, st.lists(st.integers(min_value=1, max_value=10**8), max_size=6))
def test_repeated_partial_refunds_of_a_line_never_reverse_more_than_was_posted(price, bps, asks):
    share_left, fee_left = fee_split(price, bps)
    for ask in asks:
        part = min(ask, share_left + fee_left)
        share, fee = split_refund(part, share_left, fee_left)
        assert share + fee == part
        share_left, fee_left = share_left - share, fee_left - fee
        assert share_left >= 0 and fee_left >= 0
    share, fee = split_refund(share_left + fee_left, share_left, fee_left)
    assert (share, fee) == (share_left, fee_left)


def test_allocation_ties_go_to_the_first_part():
    assert allocate(1, [5, 5]) == [1, 0]


def test_allocation_refuses_negative_amounts():
    import pytest

    with pytest.raises(ValueError):
        allocate(-1, [1])
