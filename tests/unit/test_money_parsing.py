"""The rupiah parser (issue 10): thousands separators in Indonesian and English, a zero decimal
part accepted, cents refused, anything ambiguous refused, and never a hundredfold price."""

import contextlib
import re

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from storefront.money import AmountError, parse_idr, read_idr

AMOUNTS = st.integers(min_value=0, max_value=10**12 - 1)
CENTS = st.integers(min_value=1, max_value=99)
PREFIXES = st.sampled_from(["", "Rp", "Rp ", "Rp. ", "rp", "IDR ", " "])


def indonesian(n: int) -> str:
    return format_decimal(n, locale="id")  # 1.500.000


def english(n: int) -> str:
    return f"{n:,}"  # 1,500,000


def reason(text: str) -> str:
    with pytest.raises(AmountError) as caught:
        read_idr(text)
    return caught.value.reason


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("150000", 150_000),
        ("150.000", 150_000),
        ("150,000", 150_000),
        ("Rp 150.000", 150_000),
        ("Rp. 150.000,-", 150_000),
        ("IDR 150,000", 150_000),
        ("150000.00", 150_000),
        ("150000,00", 150_000),
        ("150.000,00", 150_000),
        ("150,000.00", 150_000),
        ("150000.0", 150_000),
        ("1.500.000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("150\u00a0000", 150_000),
        (" 35000 ", 35_000),
    ],
)
def test_whole_rupiah_written_either_way_is_read(text, amount):
    assert read_idr(text) == amount


@pytest.mark.parametrize("text", ["15000.50", "150000.05", "1.5", "12,5", "150.000,50", "0,01"])
def test_a_fractional_part_is_refused_as_cents_never_multiplied(text):
    assert reason(text) == "cents"
    assert parse_idr(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Rp",
        "abc",
        "1e5",
        "-5000",
        "+5000",
        "１２３",
        "٣",
        "1" * 13,
        "1.500.00",  # thousands dot or decimal dot?
        "1,500,00",
        "1.500,000",  # mixed separators in the whole part
        "1,500.000",
        "150.0000",
        "15.00.000",
        "0.500",
        "01.500",
        ".50",
        "150.",
        "1.000.000.000.000",
        "150 .000",
        None,
    ],
)
def test_ambiguous_or_malformed_text_is_refused(text):
    assert parse_idr(text) is None
    assert reason(text) == "invalid"


@given(AMOUNTS, PREFIXES)
def test_plain_and_grouped_amounts_read_back_exactly(amount, prefix):
    for written in (str(amount), indonesian(amount), english(amount)):
        assert read_idr(prefix + written) == amount


@given(AMOUNTS, st.sampled_from(["0", "00"]))
def test_a_zero_decimal_part_is_whole_rupiah(amount, zeros):
    assert read_idr(f"{amount}.{zeros}") == amount
    assert read_idr(f"{amount},{zeros}") == amount
    assert read_idr(f"{indonesian(amount)},{zeros}") == amount
    assert read_idr(f"{english(amount)}.{zeros}") == amount


@given(AMOUNTS, CENTS)
def test_any_non_zero_cents_are_refused(amount, cents):
    for written in (
        f"{amount}.{cents:02d}",
        f"{amount},{cents:02d}",
        f"{indonesian(amount)},{cents:02d}",
        f"{english(amount)}.{cents:02d}",
    ):
        assert reason(written) == "cents", written


@given(st.text(alphabet="0123456789., Rp-", max_size=20))
def test_whatever_is_typed_the_result_is_its_digits_or_a_refusal(text):
    """Never a 500 (only AmountError), and an accepted amount is the digits typed, less at most a
    zero decimal part: it is never the digits with the cents pushed into the rupiah."""
    try:
        amount = read_idr(text)
    except AmountError as error:
        assert error.reason in ("cents", "invalid")
        return
    digits = re.sub(r"\D", "", text)
    assert 0 <= amount < 10**12
    assert digits.lstrip("0") in (str(amount).lstrip("0"), f"{amount}0", f"{amount}00")
    if re.search(r"[.,]\d{1,2}$", text):
        assert int(digits) != amount or amount == 0


@given(st.text(max_size=30))
def test_arbitrary_text_never_raises_anything_else(text):
    with contextlib.suppress(AmountError):
        assert read_idr(text) >= 0


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("90rb", 90_000),
        ("90 rb", 90_000),
        ("90 ribu", 90_000),
        ("90RB", 90_000),
        ("Rp 90rb", 90_000),
        ("90k", 90_000),
        ("1,5 juta", 1_500_000),
        ("1.5jt", 1_500_000),
        ("2 juta", 2_000_000),
        ("1.250rb", 1_250_000),
        ("1,5rb", 1_500),
    ],
)
def test_indonesian_shorthand_for_thousands_and_millions_is_read(text, amount):
    assert read_idr(text) == amount


@pytest.mark.parametrize("text", ["rb", "90 rbu", "1,2345 juta", "٣rb", "-5rb"])
def test_shorthand_that_is_not_whole_rupiah_is_refused(text):
    assert parse_idr(text) is None
