"""The shop's own facts, in one place: where it is (its clock) and the money it takes.

config.py cannot import the package, so its BABEL_DEFAULT_TIMEZONE repeats TIMEZONE_NAME; a unit
test keeps the two equal."""

from datetime import timedelta
from zoneinfo import ZoneInfo

TIMEZONE_NAME = "Asia/Jakarta"  # North Jakarta; dates people see and calendar months are here
TIMEZONE = ZoneInfo(TIMEZONE_NAME)
UTC_OFFSET = timedelta(hours=7)  # Jakarta has no daylight saving, so SQLite can add a fixed offset
CURRENCY = "idr"  # ISO 4217, lower case as the gateways write it; amounts are whole rupiah
