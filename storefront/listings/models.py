"""The listing transition table and the pending revisions of live listings (audited)."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext
from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront import audit
from storefront.catalog.models import ListingStatus, Product
from storefront.database import Base, TimestampMixin, utcnow
from storefront.errors import Conflict
from storefront.extensions import db

L = ListingStatus
# The only listing status changes allowed; set_status() refuses every other one.
# Unpublishing a live listing sends it to "rejected" so the maker sees why and can resubmit.
TRANSITIONS: dict[str, frozenset[str]] = {
    L.DRAFT: frozenset({L.PENDING, L.ARCHIVED}),
    L.PENDING: frozenset({L.LIVE, L.REJECTED, L.DRAFT, L.ARCHIVED}),
    L.LIVE: frozenset({L.REJECTED, L.ARCHIVED}),
    L.REJECTED: frozenset({L.DRAFT, L.PENDING, L.ARCHIVED}),
    L.ARCHIVED: frozenset({L.DRAFT}),
}

STATUS_LABELS: dict[str, Any] = {
    L.DRAFT: lazy_gettext("Draft"),
    L.PENDING: lazy_gettext("Waiting for review"),
    L.LIVE: lazy_gettext("Live in the shop"),
    L.REJECTED: lazy_gettext("Not approved"),
    L.ARCHIVED: lazy_gettext("Archived"),
}

# Fields whose change on a live listing waits for review; stock and made-to-order do not.
CONTENT_FIELDS = (
    "category_id",
    "title_id",
    "title_en",
    "description_id",
    "description_en",
    "materials_id",
    "materials_en",
    "care_id",
    "care_en",
    "price_idr",
    "plastic_grams",
)
AVAILABILITY_FIELDS = ("stock", "is_made_to_order", "lead_time_days")


class InvalidTransition(Conflict):
    """A listing status change that the transition table does not allow."""


def can_change(old: str, new: str) -> bool:
    return new in TRANSITIONS.get(old, frozenset())


def set_status(
    product: Product, new: str, *, actor_id: int | None, reason: str = "", action: str = ""
) -> None:
    """Move a listing along the transition table and record who did it; raises InvalidTransition."""
    old = product.status
    if not can_change(old, new):
        # Lazy: the message is rendered in the reader's language, also outside a request.
        raise InvalidTransition(
            lazy_gettext(
                "A listing cannot go from “%(old)s” to “%(new)s”.",
                old=STATUS_LABELS.get(old, old),
                new=STATUS_LABELS.get(new, new),
            )
        )
    product.status = new
    if new == L.LIVE and product.published_at is None:
        product.published_at = utcnow()
    details = {"from": old, "to": new}
    record(actor_id, action or f"status.{new}", product, reason=reason, details=details)


def record(
    actor_id: int | None,
    action: str,
    product: Product,
    *,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> audit.AuditEntry:
    """Add an audit-log row for `product` to the session (the caller commits)."""
    if product.id is None:  # a brand-new listing: the id exists only after the flush
        db.session.flush()
    return audit.record(actor_id, action, "product", product.id, reason=reason, details=details)


class RevisionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ProductRevision(TimestampMixin, Base):
    """Changes to a live listing awaiting review; customers keep seeing the approved one."""

    __tablename__ = "product_revision"
    __table_args__ = (Index("ix_product_revision_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=RevisionStatus.PENDING)
    # The proposed values of CONTENT_FIELDS, and the photos as [{"key", "width", "height"}].
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    photos: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(String(500), default="")

    product: Mapped[Product] = relationship()

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, current value, proposed value) for every field this revision changes."""
        out = [
            (name, getattr(self.product, name), value)
            for name, value in self.data.items()
            if getattr(self.product, name) != value
        ]
        current_keys = [photo.key for photo in self.product.photos]
        proposed_keys = [photo["key"] for photo in self.photos]
        if proposed_keys and proposed_keys != current_keys:
            out.append(("photos", current_keys, proposed_keys))
        return out


class StagedPhoto(Base):
    """A photo uploaded with a listing form that had an error: stored and verified already, kept
    under the form's stage token (and the maker's id) until the form is saved or the stage is
    left for STAGED_PHOTO_HOURS (listings.staging: `created_at` is renewed each time the form is
    sent again, so a form still being worked on keeps its photos)."""

    __tablename__ = "staged_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), index=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "width": self.width, "height": self.height}
