"""Approximate prices for visitors abroad: a rate table admins keep, and the visitor's choice.

Everything is still charged in rupiah; these figures are only shown, never sent to a gateway."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, utcnow


class CurrencyRate(Base):
    __tablename__ = "currency_rate"
    __table_args__ = (CheckConstraint("idr_per_unit > 0", name="rate_positive"),)

    code: Mapped[str] = mapped_column(String(3), primary_key=True)  # ISO 4217, e.g. USD
    # Whole rupiah for one unit of the currency (e.g. 16300 for one US dollar).
    idr_per_unit: Mapped[int] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
