"""Countries a buyer can order from, named in her language, and the fee of shipping abroad."""

from babel import Locale
from flask import current_app
from phonenumbers import SUPPORTED_REGIONS

HOME = "ID"


def abroad_fee(country: str) -> int | None:
    """Rupiah to ship to `country` (its zone in SHIPPING_ABROAD, else "*"); None: not shipped."""
    zones: dict[str, int] = current_app.config["SHIPPING_ABROAD"]
    return zones.get(country.upper(), zones.get("*"))


def country_choices(locale: str) -> list[tuple[str, str]]:
    """(code, name) of every country with phone numbering, Indonesia first, then by name."""
    names = Locale.parse(locale or "id").territories
    others = sorted(
        ((code, names.get(code, code)) for code in SUPPORTED_REGIONS if code != HOME),
        key=lambda pair: pair[1].casefold(),
    )
    return [(HOME, names.get(HOME, "Indonesia")), *others]


def is_country(code: str) -> bool:
    return code == HOME or code in SUPPORTED_REGIONS
