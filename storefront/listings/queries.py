"""Read-side queries for the maker's list and the admin review queue."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import joinedload, selectinload

from storefront.audit import AuditEntry
from storefront.catalog.models import ListingStatus, Product, ProductVariant
from storefront.database import as_utc
from storefront.extensions import db
from storefront.listings.models import ProductRevision, RevisionStatus
from storefront.makers.models import Maker

REASON_ACTIONS = ("listing.reject", "listing.unpublish", "revision.reject", "variant.reject")
OPTION_DECISIONS = ("variant.approve", "variant.reject")


def pending_revision(product: Product) -> ProductRevision | None:
    """The revision of `product` that waits for review, if any."""
    if product.id is None:
        return None
    return db.session.scalar(
        db.select(ProductRevision).where(
            ProductRevision.product_id == product.id,
            ProductRevision.status == RevisionStatus.PENDING,
        )
    )


def maker_products(maker_id: int) -> list[Product]:
    """Every listing of one maker, newest first, with photos loaded."""
    return list(
        db.session.scalars(
            db.select(Product)
            .where(Product.maker_id == maker_id)
            .options(selectinload(Product.photos))
            .order_by(Product.created_at.desc(), Product.id.desc())
        )
    )


def pending_revision_ids(product_ids: list[int]) -> set[int]:
    """Which of these products have a revision waiting for review."""
    if not product_ids:
        return set()
    return set(
        db.session.scalars(
            db.select(ProductRevision.product_id).where(
                ProductRevision.product_id.in_(product_ids),
                ProductRevision.status == RevisionStatus.PENDING,
            )
        )
    )


def latest_reasons(product_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(action, reason, option label) of the latest rejection or unpublishing of each product, or
    of one of its new options (one query); the label is "" unless an option was refused."""
    if not product_ids:
        return {}
    rows = db.session.execute(
        db.select(AuditEntry.target_id, AuditEntry.action, AuditEntry.reason, AuditEntry.details)
        .where(
            AuditEntry.target_type == "product",
            AuditEntry.target_id.in_(product_ids),
            AuditEntry.action.in_(REASON_ACTIONS),
        )
        .order_by(AuditEntry.id)
    )
    return {
        target_id: (action, reason, str((details or {}).get("variant", "")))
        for target_id, action, reason, details in rows
    }


def latest_option_decision(product_id: int) -> AuditEntry | None:
    """The latest approval or rejection of one of this product's new options."""
    return db.session.scalars(
        db.select(AuditEntry)
        .where(
            AuditEntry.target_type == "product",
            AuditEntry.target_id == product_id,
            AuditEntry.action.in_(OPTION_DECISIONS),
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class QueueItem:
    product: Product
    revision: ProductRevision | None
    submitted_at: datetime
    variant: ProductVariant | None = None  # a new option that changes a live listing's price


def _waiting_options():
    """The condition for an option of a live listing that waits for review."""
    return (ProductVariant.is_approved.is_(False), Product.status == ListingStatus.LIVE)


def review_queue() -> list[QueueItem]:
    """New listings, revisions of live listings and their new options waiting for review, oldest
    first."""
    submitted = (
        db.select(AuditEntry.target_id, func.max(AuditEntry.created_at).label("at"))
        .where(AuditEntry.target_type == "product", AuditEntry.action == "listing.submit")
        .group_by(AuditEntry.target_id)
        .subquery()
    )
    new_rows = db.session.execute(
        db.select(Product, submitted.c.at)
        .outerjoin(submitted, submitted.c.target_id == Product.id)
        .where(Product.status == ListingStatus.PENDING)
        .options(joinedload(Product.maker))  # the queue shows title and maker, no photos
    )
    items = [QueueItem(p, None, at or p.updated_at) for p, at in new_rows]
    revisions = db.session.scalars(
        db.select(ProductRevision)
        .join(Product)
        .where(
            ProductRevision.status == RevisionStatus.PENDING,
            Product.status == ListingStatus.LIVE,
        )
        .options(joinedload(ProductRevision.product).joinedload(Product.maker))
    )
    items += [QueueItem(r.product, r, r.updated_at) for r in revisions]
    options = db.session.scalars(
        db.select(ProductVariant)
        .join(Product, Product.id == ProductVariant.product_id)
        .where(*_waiting_options())
        .options(joinedload(ProductVariant.product).joinedload(Product.maker))
    )
    items += [
        QueueItem(v.product, None, v.submitted_at or v.product.updated_at, variant=v)
        for v in options
    ]
    return sorted(items, key=lambda item: as_utc(item.submitted_at))


def queue_count() -> int:
    """How many listings, revisions, new options and maker profiles wait for review (for the
    admin navigation): one statement of four counts."""
    new = (
        db.select(func.count(Product.id))
        .where(Product.status == ListingStatus.PENDING)
        .scalar_subquery()
    )
    revisions = (
        db.select(func.count(ProductRevision.id))
        .join(Product)
        .where(
            ProductRevision.status == RevisionStatus.PENDING,
            Product.status == ListingStatus.LIVE,
        )
        .scalar_subquery()
    )
    options = (
        db.select(func.count(ProductVariant.id))
        .join(Product, Product.id == ProductVariant.product_id)
        .where(*_waiting_options())
        .scalar_subquery()
    )
    profiles = (
        db.select(func.count(Maker.id))
        .where(Maker.profile_submitted_at.is_not(None))
        .scalar_subquery()
    )
    counts = db.session.execute(db.select(new, revisions, options, profiles)).one()
    return sum(count or 0 for count in counts)
