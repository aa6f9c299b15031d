"""A sign-up for one product: an email (confirmed by a link) or a WhatsApp number (with consent).
It stores the address, the language, whether a similar new listing will do, and nothing else;
it ends when its one message goes."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.catalog.models import Product
from storefront.database import Base, utcnow


class Channel(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"


class AlertStatus(StrEnum):
    PENDING = "pending"  # an email not confirmed yet: never messaged about the product
    CONFIRMED = "confirmed"
    DUE = "due"  # a WhatsApp message the programme staff still have to send


class StockAlert(Base):
    __tablename__ = "stock_alert"
    __table_args__ = (UniqueConstraint("product_id", "channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(5), default="id")
    # Unguessable: the confirm and the unsubscribe links carry it, no account needed.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), default=AlertStatus.PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # "Or when the maker lists a similar one" (same maker, same category: stock_alerts.similar).
    wants_similar: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # A WhatsApp message due about a similar new listing (not the product itself): this one.
    similar_product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))

    product: Mapped[Product] = relationship(foreign_keys=[product_id])
    similar_product: Mapped[Product | None] = relationship(foreign_keys=[similar_product_id])
