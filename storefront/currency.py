"""Approximate prices for visitors abroad: a rate table admins keep, and the visitor's choice.

Everything is charged in rupiah; these figures are only shown next to rupiah prices, never stored
on an order nor sent to a gateway. The choice is a cookie read by `current_display_currency()`,
the one function a page cache must put in its key (pages differ by it, as by language)."""

from datetime import datetime
from decimal import Decimal

from babel.numbers import format_currency
from flask import Response, current_app, g, has_request_context, request
from flask_babel import get_locale
from sqlalchemy import CheckConstraint, DateTime, String, select
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, utcnow
from storefront.extensions import db
from storefront.security import cookie_name
from storefront.shop import CURRENCY

CURRENCY_COOKIE = "currency"
SHOP_CODE = CURRENCY.upper()  # what everything is charged in
# Babel locales that name a currency without ambiguity ("US$", not "$").
_DISPLAY_LOCALES = {"en": "en_GB", "id": "id"}


class CurrencyRate(Base):
    __tablename__ = "currency_rate"
    __table_args__ = (CheckConstraint("idr_per_unit > 0", name="rate_positive"),)

    code: Mapped[str] = mapped_column(String(3), primary_key=True)  # ISO 4217, e.g. USD
    # Whole rupiah for one unit of the currency (e.g. 16300 for one US dollar).
    idr_per_unit: Mapped[int] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def normalise_code(code: str | None) -> str:
    code = (code or "").strip().upper()
    return code if len(code) == 3 and code.isascii() and code.isalpha() else ""


def all_rates() -> list[CurrencyRate]:
    return list(db.session.scalars(select(CurrencyRate).order_by(CurrencyRate.code)))


def _chosen_rate() -> CurrencyRate | None:
    """The visitor's currency with its rate (one query per request, none without a choice)."""
    if not has_request_context():
        return None
    if "display_rate" not in g:
        code = normalise_code(request.cookies.get(cookie_name(CURRENCY_COOKIE)))
        g.display_rate = db.session.get(CurrencyRate, code) if code and code != SHOP_CODE else None
    rate: CurrencyRate | None = g.display_rate
    return rate


def current_display_currency() -> str | None:
    """The currency this visitor sees approximate prices in (None: rupiah only). Page caches key
    on it: two visitors with different answers must not share a cached page."""
    rate = _chosen_rate()
    return rate.code if rate is not None else None


def approximate(amount_idr: int, rate: CurrencyRate, locale: str) -> str:
    """ "≈ US$9.80": rupiah converted at the table's rate, for showing only."""
    value = Decimal(int(amount_idr)) / Decimal(rate.idr_per_unit)
    shown = format_currency(value, rate.code, locale=_DISPLAY_LOCALES.get(locale, "id"))
    return f"≈ {shown}"


def approx_price(amount_idr: int) -> str:
    """Template global: the approximate price in the visitor's currency, or "" for rupiah only."""
    rate = _chosen_rate()
    if rate is None:
        return ""
    return approximate(amount_idr, rate, str(get_locale() or "id"))


def choices() -> tuple[str, ...]:
    """The currencies offered in the chooser (from configuration: no query on every page)."""
    return tuple(c for c in current_app.config["DISPLAY_CURRENCIES"] if normalise_code(c))


def keep_converted_pages_private(response: Response) -> Response:
    """after_request: a page drawn in a chosen currency is this visitor's, never a shared copy
    (a page cache that keys on current_display_currency() may cache it again)."""
    if g.get("display_rate") is not None:
        response.vary.add("Cookie")
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private"
    return response


def set_rate(code: str, idr_per_unit: int) -> CurrencyRate:
    """Add or update one currency's rate; commits. Raises ValueError on a bad code or rate."""
    code = normalise_code(code)
    if not code or code == SHOP_CODE or idr_per_unit <= 0:
        raise ValueError("a three-letter code other than IDR and a positive rate")
    rate = db.session.get(CurrencyRate, code)
    if rate is None:
        rate = CurrencyRate(code=code, idr_per_unit=idr_per_unit)
        db.session.add(rate)
    else:
        rate.idr_per_unit, rate.updated_at = idr_per_unit, utcnow()
    db.session.commit()
    return rate


def delete_rate(code: str) -> None:
    """Stop offering a currency; commits."""
    rate = db.session.get(CurrencyRate, normalise_code(code))
    if rate is not None:
        db.session.delete(rate)
        db.session.commit()
