from hypothesis import given
from hypothesis import strategies as st

from storefront.money import fee_split, format_idr, parse_idr, to_gateway_units


def test_format_idr_uses_dots_and_no_decimals():
    assert format_idr(150_000) == "Rp150.000"
    assert format_idr(35_000) == "Rp35.000"
    assert format_idr(1_250_000) == "Rp1.250.000"
    assert format_idr(0) == "Rp0"
    assert format_idr(-5_000) == "-Rp5.000"


def test_parse_idr_accepts_common_ways_of_writing_rupiah():
    assert parse_idr("150000") == 150_000
    assert parse_idr("150.000") == 150_000
    assert parse_idr("Rp 150.000") == 150_000
    assert parse_idr(" 35000 ") == 35_000


def test_parse_idr_refuses_anything_else():
    for text in ["", "abc", "1e5", "-5", "12,5", "１２３", "٣", "1" * 13, None]:
        assert parse_idr(text) is None, text


@given(st.integers(min_value=0, max_value=10**11), st.integers(min_value=0, max_value=10_000))
def test_fee_split_parts_always_add_up(total, bps):
    share, fee = fee_split(total, bps)
    assert share + fee == total
    assert 0 <= fee <= total
    assert fee == total * bps // 10_000


def test_gateway_units_are_hundredths_of_a_rupiah():
    assert to_gateway_units(150_000) == 15_000_000
