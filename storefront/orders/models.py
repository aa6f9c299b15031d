"""Orders, their lines (snapshots of what was bought) and the status timeline."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.database import Base, TimestampMixin, utcnow
from storefront.errors import Conflict
from storefront.orders.notes import Note, NoteKind, NoteParams


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    READY_FOR_PICKUP = "ready_for_pickup"
    PICKED_UP = "picked_up"
    CANCELLED = "cancelled"
    NEEDS_REVIEW = "needs_review"
    REFUNDED = "refunded"


S = OrderStatus
# The only status changes allowed; orders.services.claim_status() refuses every other one.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED, S.NEEDS_REVIEW}),
    # Success after the reservation expired: paid if the stock is still there, else review.
    S.CANCELLED: frozenset({S.PAID, S.NEEDS_REVIEW}),
    S.PAID: frozenset({S.PACKED, S.READY_FOR_PICKUP, S.REFUNDED}),
    S.PACKED: frozenset({S.SHIPPED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.REFUNDED}),
    S.READY_FOR_PICKUP: frozenset({S.PICKED_UP, S.REFUNDED}),
    S.PICKED_UP: frozenset({S.REFUNDED}),
    S.NEEDS_REVIEW: frozenset({S.PAID, S.REFUNDED}),
    S.REFUNDED: frozenset(),
}
PAID_STATUSES = frozenset(
    {S.PAID, S.PACKED, S.SHIPPED, S.DELIVERED, S.READY_FOR_PICKUP, S.PICKED_UP}
)


class DeliveryMethod(StrEnum):
    SHIP = "ship"
    PICKUP = "pickup"


class InvalidTransition(Conflict):
    """A status change that the transition table does not allow."""


class Order(TimestampMixin, Base):
    __tablename__ = "shop_order"
    __table_args__ = (
        CheckConstraint("total_idr = subtotal_idr + shipping_idr", name="total_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    # Unguessable: the customer's link to follow the order without an account.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=S.PENDING_PAYMENT, index=True)
    contact_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    delivery_method: Mapped[str] = mapped_column(String(10), default=DeliveryMethod.SHIP)
    street: Mapped[str] = mapped_column(String(200), default="")
    area: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(60), default="")
    postal_code: Mapped[str] = mapped_column(String(12), default="")
    # ISO 3166-1 alpha-2 of the delivery (or the buyer's) country; "ID" for Indonesia.
    country: Mapped[str] = mapped_column(String(2), default="ID", server_default="ID")
    subtotal_idr: Mapped[int] = mapped_column()
    shipping_idr: Mapped[int] = mapped_column(default=0)
    total_idr: Mapped[int] = mapped_column()
    locale: Mapped[str] = mapped_column(String(5), default="id")
    gateway: Mapped[str] = mapped_column(String(20), default="test")
    payment_reference: Mapped[str | None] = mapped_column(String(120), unique=True)
    # Part of the gateway idempotency key; raised only after a definite failure, so a retry
    # that may have created a payment reuses the key (and gets that payment back).
    payment_attempt: Mapped[int] = mapped_column(default=1, server_default="1")
    reserved_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    courier: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(80), default="")
    review_reason: Mapped[str] = mapped_column(String(300), default="")

    lines: Mapped[list["OrderLine"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )
    history: Mapped[list["OrderStatusChange"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderStatusChange.id"
    )

    @property
    def is_paid(self) -> bool:
        return self.status in PAID_STATUSES

    def can_change_to(self, new_status: str) -> bool:
        return new_status in TRANSITIONS.get(self.status, frozenset())


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("line_total_idr = unit_price_idr * quantity", name="line_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), index=True)
    # Snapshots: what the customer saw and paid, whatever happens to the listing later.
    title: Mapped[str] = mapped_column(String(120))
    maker_name: Mapped[str] = mapped_column(String(120))
    unit_price_idr: Mapped[int] = mapped_column()
    quantity: Mapped[int] = mapped_column()
    line_total_idr: Mapped[int] = mapped_column()
    plastic_grams: Mapped[int] = mapped_column(default=0)
    is_made_to_order: Mapped[bool] = mapped_column(default=False)

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderStatusChange(Base):
    __tablename__ = "order_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # What the shop noted, as a kind and its parameters (orders.notes), worded when shown.
    note_kind: Mapped[str] = mapped_column(
        String(30), default=NoteKind.NONE, server_default=NoteKind.NONE.value
    )
    note_params: Mapped[NoteParams] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    order: Mapped[Order] = relationship(back_populates="history")

    @property
    def note(self) -> Note:
        return Note(NoteKind(self.note_kind), dict(self.note_params or {}))

    @note.setter
    def note(self, note: Note) -> None:
        self.note_kind, self.note_params = note.kind, dict(note.params)
