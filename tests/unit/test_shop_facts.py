"""The shop's time zone and currency are written in one place (storefront.shop)."""

import re
from datetime import datetime
from pathlib import Path

from config import Config
from storefront import shop

ROOT = Path(__file__).resolve().parents[2]
# Not the template filter's name (`|idr`).
REPEATED = re.compile(r"""(?<!filters\[)(?<!name=)["'](?:Asia/Jakarta|idr|IDR)["']""")


def test_babel_shows_times_in_the_shops_time_zone():
    assert Config.BABEL_DEFAULT_TIMEZONE == shop.TIMEZONE_NAME


def test_the_fixed_offset_used_on_sqlite_is_the_shops_offset_all_year():
    for month in (1, 7):  # no daylight saving
        assert datetime(2026, month, 1, tzinfo=shop.TIMEZONE).utcoffset() == shop.UTC_OFFSET


def test_no_module_repeats_the_time_zone_or_the_currency():
    repeats = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in sorted((ROOT / "storefront").rglob("*.py"))
        if path.name != "shop.py"
        for match in REPEATED.finditer(path.read_text())
    ]
    assert repeats == []
