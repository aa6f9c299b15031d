"""Every gateway event we processed, once: the unique event id makes a replay change nothing.
Also what the buyer must do to pay, and refunds paid by bank transfer by hand."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from storefront.database import Base, utcnow
from storefront.orders.models import Order


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


class PaymentInstruction(Base):
    """What the buyer must do to pay an order's current payment (a QR, a virtual account, an
    app link), as the gateway answered it: shown on the pay and order pages and mailed."""

    __tablename__ = "payment_instruction"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    gateway: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(120))
    method: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # NextAction.kind
    qr_string: Mapped[str] = mapped_column(Text, default="")
    va_number: Mapped[str] = mapped_column(String(40), default="")
    bank: Mapped[str] = mapped_column(String(20), default="")
    biller_code: Mapped[str] = mapped_column(String(20), default="")
    url: Mapped[str] = mapped_column(String(500), default="")  # deeplink or redirect
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    order: Mapped[Order] = relationship(
        backref=backref("payment_instructions", order_by="PaymentInstruction.id")
    )


class ManualRefund(Base):
    """A refund paid by bank transfer and recorded by hand (a method the gateway cannot refund
    through its API: a virtual account, QRIS from some banks): who got it, and the reference."""

    __tablename__ = "manual_refund"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    refund_id: Mapped[str] = mapped_column(String(255), unique=True)
    amount_idr: Mapped[int] = mapped_column()
    bank: Mapped[str] = mapped_column(String(60))
    account_holder: Mapped[str] = mapped_column(String(120))
    account_number: Mapped[str] = mapped_column(String(40))
    transfer_reference: Mapped[str] = mapped_column(String(120))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
