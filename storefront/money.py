"""Money is integer rupiah. Parsing, display and the fee split live here and nowhere else."""

import re

from babel.numbers import format_compact_decimal, format_decimal

MIN_PRICE_IDR = 1_000
MAX_PRICE_IDR = 100_000_000
# Any amount typed into a form (refund, payout): far above anything this shop moves at once, and
# well inside the 32-bit integer columns on PostgreSQL (2.147.483.647).
MAX_AMOUNT_IDR = 1_000_000_000
MAX_DIGITS = 12
BPS = 10_000

_PREFIX = re.compile(r"^(?:rp|idr)\.?\s*", re.IGNORECASE)
# A last separator followed by one or two digits is a decimal part ("150.000,00", "150000.50");
# ",-" is the Indonesian way of writing "no cents" ("Rp150.000,-").
_DECIMALS = re.compile(r"^(?P<whole>.*?)(?P<sep>[.,])(?P<cents>\d{1,2}|-)$")
_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:(?P<sep>[., ])\d{3})(?:(?P=sep)\d{3})*$")


class AmountError(ValueError):
    """Text that is not a whole-rupiah amount; `reason` is "cents" or "invalid"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def format_idr(amount_idr: int) -> str:
    """Rp150.000: Indonesian grouping, never decimals, whatever the page language."""
    sign = "-" if amount_idr < 0 else ""
    return f"{sign}Rp{format_decimal(abs(int(amount_idr)), locale='id')}"


def format_idr_short(amount_idr: int, locale: str = "id") -> str:
    """150 rb, 1,2 jt (150K, 1.2M in English), no "Rp": a figure narrow enough for a chart bar
    (the chart says it is in rupiah). One decimal only for millions below ten."""
    amount = abs(int(amount_idr))
    digits = 1 if 1_000_000 <= amount < 10_000_000 else 0
    short = format_compact_decimal(amount, locale=locale, fraction_digits=digits)
    return f"-{short}" if amount_idr < 0 else short


def read_idr(text: str | None) -> int:
    """Whole rupiah from user text, or AmountError. The rule, for Indonesian and English writers:
    after a separator ("." "," or a space) come groups of exactly three digits, all with the same
    separator, so "150.000", "150,000" and "1.500.000" are thousands; a last separator with one or
    two digits is a decimal part, accepted only when it is zero ("150000.00", "150.000,00") and
    refused as "cents" otherwise ("15000.50"); anything else (mixed or misplaced separators, signs,
    non-ASCII digits) is "invalid". Nothing is ever multiplied by a hundred."""
    cleaned = (text or "").replace("\u00a0", " ").replace("\u202f", " ").strip()
    cleaned = _PREFIX.sub("", cleaned).strip()
    decimal = _DECIMALS.match(cleaned)
    if decimal is None:
        return _whole_rupiah(cleaned)
    whole = decimal["whole"]
    if decimal["sep"] in whole:  # "1.500.00": a thousands dot or a decimal dot? Never guess.
        raise AmountError("invalid")
    amount = _whole_rupiah(whole)
    if decimal["cents"].strip("0-"):
        raise AmountError("cents")
    return amount


def _whole_rupiah(text: str) -> int:
    """Digits alone, or digits in groups of three with one kind of separator."""
    if _GROUPED.match(text):
        text = re.sub(r"[., ]", "", text)
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        raise AmountError("invalid")
    return int(text)


def parse_idr(text: str | None) -> int | None:
    """Whole rupiah from user text (see read_idr); None if it is not one."""
    try:
        return read_idr(text)
    except AmountError:
        return None


def fee_split(line_total_idr: int, fee_bps: int) -> tuple[int, int]:
    """(maker share, platform fee) of a line; the fee rounds down, so the parts sum exactly."""
    fee = (line_total_idr * fee_bps) // BPS
    return line_total_idr - fee, fee


def to_gateway_units(amount_idr: int) -> int:
    """Stripe treats IDR as two-decimal: Rp150.000 is 15000000."""
    return int(amount_idr) * 100
