"""Small parsers for untrusted text that must become a number the database can hold."""

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
