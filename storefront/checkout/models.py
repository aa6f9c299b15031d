"""Checkout attempts: the idempotency key of the "Place order" form (a double click: one order)."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, utcnow


class CheckoutAttempt(Base):
    __tablename__ = "checkout_attempt"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
