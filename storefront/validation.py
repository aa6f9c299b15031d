"""Small parsers for untrusted text that must become a number the database can hold."""

from flask_babel import gettext as _

from storefront.errors import DomainError, NotFound

MAX_ID_DIGITS = 9  # ids are 32-bit integers on PostgreSQL; longer text can name no row


def parse_id(text: object) -> int | None:
    """A row id from ASCII digits, or None for anything else (words, signs, huge numbers)."""
    raw = str(text if text is not None else "").strip()
    if not raw or len(raw) > MAX_ID_DIGITS or not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)


MIN_YEAR, MAX_YEAR = 2000, 2100  # the shop's records can only fall in these years


def is_sensible_date(value) -> bool:
    """Dates far in the past or future name no record and overflow date arithmetic."""
    return MIN_YEAR <= value.year <= MAX_YEAR


MAX_PAGE_DIGITS = 6


def parse_page(raw: str | None) -> int:
    """Page numbers are 1..n in ASCII digits; 0, negatives and words are a 400, huge ones a 404."""
    if raw is None or raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit()) or int(raw[: MAX_PAGE_DIGITS + 1]) < 1:
        raise DomainError(_("The page number must be a whole number from 1."))
    if len(raw.lstrip("0")) > MAX_PAGE_DIGITS:
        raise NotFound(_("There is no such page."))
    return int(raw)
