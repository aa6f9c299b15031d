"""Language choice: ?lang= in the address (the hreflang links of storefront.sharing), else the
remembered switch, else Accept-Language, else Indonesian."""

from datetime import date, datetime

from babel import dates as babel_dates
from flask import current_app, request
from flask_babel import format_time, get_locale

from storefront.database import as_utc
from storefront.security import cookie_name
from storefront.shop import TIMEZONE

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang", "")
    if asked in languages:  # a language version's own address: the same page for everyone
        return asked
    chosen = request.cookies.get(cookie_name(LANG_COOKIE))
    if chosen is not None and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def current_locale() -> str:
    """'id' or 'en' for the current request."""
    return str(get_locale() or "id")


def inject_locale() -> dict:
    """Context processor: the page's language and the ones it can switch to."""
    return {"locale": current_locale(), "languages": current_app.config["LANGUAGES"]}


def clock(moment: datetime) -> str:
    """A time of day as people in Jakarta read it, with its zone: "12.30 WIB", "12:30 WIB"."""
    return f"{format_time(moment, 'HH:mm' if current_locale() == 'en' else 'HH.mm')} WIB"


# English dates as written in Jakarta (CLDR's en_ID: day before month, a 24-hour clock), with
# the shop's time zone named; Bahasa Indonesia as CLDR writes it, WIB named too.
_BABEL_LOCALES = {"en": "en_ID", "id": "id"}


def _babel_locale() -> str:
    return _BABEL_LOCALES.get(current_locale(), "id")


def _in_jakarta(value: datetime) -> datetime:
    return as_utc(value).astimezone(TIMEZONE)


def format_datetime_wib(value: datetime | None, format: str = "medium") -> str:
    """Template filter `datetimeformat`: "1 Dec 2026, 19.30 WIB" / "1 Des 2026 19.30 WIB"."""
    if value is None:
        return ""
    text = babel_dates.format_datetime(_in_jakarta(value), format, locale=_babel_locale())
    return f"{text} WIB"


def format_date_jakarta(value: date | datetime | None, format: str = "medium") -> str:
    """Template filter `dateformat`: a datetime is dated where the shop is."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _in_jakarta(value)
    return babel_dates.format_date(value, format, locale=_babel_locale())


def format_time_wib(value: datetime | None, format: str = "short") -> str:
    """Template filter `timeformat`: "19.30 WIB"."""
    if value is None:
        return ""
    return f"{babel_dates.format_time(_in_jakarta(value), format, locale=_babel_locale())} WIB"


def short_idr(amount_idr: int) -> str:
    """The `idr_short` template filter: a compact rupiah figure in the page's language."""
    from storefront.money import format_idr_short

    return format_idr_short(amount_idr, current_locale())
