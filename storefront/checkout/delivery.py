"""What a buyer is told happens next: the pick-up place and hours, or how long delivery takes.

The address and the hours are settings (PICKUP_ADDRESS, PICKUP_OPENS, PICKUP_CLOSES); the
delivery estimate is in days after the parcel leaves, by the province's shipping group."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from storefront.checkout.provinces import PROVINCE_GROUPS
from storefront.i18n import current_locale

# Working days a courier takes from North Jakarta, by shipping group (after packing).
DELIVERY_DAYS: dict[str, tuple[int, int]] = {
    "jakarta": (1, 3),
    "java": (2, 4),
    "sumatra": (3, 6),
    "bali_nusa": (3, 6),
    "kalimantan": (4, 7),
    "sulawesi": (4, 8),
    "maluku_papua": (5, 10),
}
ABROAD_DAYS = (7, 21)  # a province the table does not know: a parcel going abroad
PACKING_DAYS = 2


@dataclass(frozen=True)
class Pickup:
    address: str
    hours: str


def pickup_place() -> Pickup:
    config = current_app.config
    opens, closes = config["PICKUP_OPENS"], config["PICKUP_CLOSES"]
    if current_locale() != "en":
        opens, closes = opens.replace(":", "."), closes.replace(":", ".")
    return Pickup(
        address=config["PICKUP_ADDRESS"],
        hours=_("Monday to Friday, %(opens)s to %(closes)s WIB", opens=opens, closes=closes),
    )


def delivery_days(province: str | None) -> tuple[int, int]:
    group = PROVINCE_GROUPS.get(province or "")
    return DELIVERY_DAYS.get(group, ABROAD_DAYS) if group else ABROAD_DAYS
