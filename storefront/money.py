"""Money is integer rupiah. Parsing, display and the fee split live here and nowhere else."""

from babel.numbers import format_decimal

MIN_PRICE_IDR = 1_000
MAX_PRICE_IDR = 100_000_000
BPS = 10_000


def format_idr(amount_idr: int) -> str:
    """Rp150.000: Indonesian grouping, never decimals, whatever the page language."""
    sign = "-" if amount_idr < 0 else ""
    return f"{sign}Rp{format_decimal(abs(int(amount_idr)), locale='id')}"


def parse_idr(text: str | None) -> int | None:
    """Whole rupiah from user text ("150000", "150.000", "Rp 150.000"); None if it is not one."""
    if text is None:
        return None
    cleaned = text.strip().removeprefix("Rp").removeprefix("rp").strip().replace(".", "")
    cleaned = cleaned.replace(" ", "")
    if not cleaned or not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 12:
        return None
    return int(cleaned)


def fee_split(line_total_idr: int, fee_bps: int) -> tuple[int, int]:
    """(maker share, platform fee) of a line; the fee rounds down, so the parts sum exactly."""
    fee = (line_total_idr * fee_bps) // BPS
    return line_total_idr - fee, fee


def to_gateway_units(amount_idr: int) -> int:
    """Stripe treats IDR as two-decimal: Rp150.000 is 15000000."""
    return int(amount_idr) * 100
