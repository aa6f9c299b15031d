"""Every gateway event we processed, once: the unique event id makes a replay change nothing."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, utcnow


class PaymentEvent(Base):
    __tablename__ = "payment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), unique=True)
    type: Mapped[str] = mapped_column(String(80))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    reference: Mapped[str | None] = mapped_column(String(120))
    # For charge.refunded: the cumulative rupiah refunded, as the gateway reported it.
    amount_idr: Mapped[int | None] = mapped_column()
    # Non-empty when the event did not match the database: changed nothing, shown to admins.
    flag: Mapped[str] = mapped_column(String(300), default="", index=True)
    # A refund reported before its payment was posted: kept, applied right after the sale.
    is_deferred: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RefundToken(Base):
    """A refund form's one-time token, spent by the refund it made (the same commit)."""

    __tablename__ = "refund_token"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    refund_id: Mapped[str] = mapped_column(String(255))
    amount_idr: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
