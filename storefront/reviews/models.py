"""A review of one delivered order line, and the maker's one reply; both moderated."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.catalog.models import Product
from storefront.database import Base, utcnow

MAX_BODY = 1000
MAX_REPLY = 600


class ReviewStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Review(Base):
    __tablename__ = "review"
    __table_args__ = (
        CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range"),
        Index("ix_review_product_status", "product_id", "status", "approved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    # One review per bought line; the service also refuses a second one for the same product.
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    rating: Mapped[int] = mapped_column()
    body: Mapped[str] = mapped_column(Text, default="")
    photo_key: Mapped[str | None] = mapped_column(String(80))
    photo_width: Mapped[int | None] = mapped_column()
    photo_height: Mapped[int | None] = mapped_column()
    # What the public sees of the buyer: her first name and city, nothing else.
    first_name: Mapped[str] = mapped_column(String(60))
    city: Mapped[str] = mapped_column(String(100), default="")
    locale: Mapped[str] = mapped_column(String(5), default="id")
    status: Mapped[str] = mapped_column(String(10), default=ReviewStatus.PENDING, index=True)
    reject_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reply_body: Mapped[str] = mapped_column(Text, default="")
    reply_status: Mapped[str | None] = mapped_column(String(10), index=True)
    reply_reason: Mapped[str] = mapped_column(String(300), default="")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    product: Mapped[Product] = relationship()

    @property
    def photo(self) -> dict | None:
        if not self.photo_key:
            return None
        return {"key": self.photo_key, "width": self.photo_width, "height": self.photo_height}

    @property
    def is_public(self) -> bool:
        return self.status == ReviewStatus.APPROVED

    @property
    def reply_is_public(self) -> bool:
        return self.reply_status == ReviewStatus.APPROVED and bool(self.reply_body)
