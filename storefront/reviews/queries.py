"""Read side of reviews: what the public, the maker and the moderation queue see."""

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from storefront.catalog.models import Product
from storefront.earnings.queries import lines_refunded_in_full
from storefront.extensions import db
from storefront.reviews.models import Review, ReviewStatus

PER_PAGE = 10


def approved_for(product_id: int):
    """Approved reviews of a product, newest first (a query for db.paginate or a limit)."""
    return (
        select(Review)
        .where(Review.product_id == product_id, Review.status == ReviewStatus.APPROVED)
        .order_by(Review.approved_at.desc(), Review.id.desc())
    )


def latest_for(product_id: int, limit: int = PER_PAGE) -> list[Review]:
    return list(db.session.scalars(approved_for(product_id).limit(limit)))


def page_for(product_id: int, page: int):
    return db.paginate(approved_for(product_id), page=page, per_page=PER_PAGE, error_out=False)


def moderation_queue() -> list[Review]:
    """Reviews waiting for a decision, and approved ones whose maker's reply waits, oldest first."""
    query = (
        select(Review)
        .options(joinedload(Review.product).joinedload(Product.maker))
        .where(
            or_(
                Review.status == ReviewStatus.PENDING,
                Review.reply_status == ReviewStatus.PENDING,
            )
        )
        .order_by(Review.created_at, Review.id)
    )
    return list(db.session.scalars(query))


def refunded_in_full(reviews: list[Review]) -> set[int]:
    """Ids of the queued reviews whose line was refunded in full: flagged, not approvable."""
    lines = lines_refunded_in_full(review.order_line_id for review in reviews)
    return {review.id for review in reviews if review.order_line_id in lines}


def queue_count() -> int:
    return (
        db.session.scalar(
            select(func.count(Review.id)).where(
                or_(
                    Review.status == ReviewStatus.PENDING,
                    Review.reply_status == ReviewStatus.PENDING,
                )
            )
        )
        or 0
    )


def for_maker(maker_id: int) -> list[Review]:
    """Reviews of her products that are public (she never sees unapproved or rejected ones)."""
    query = (
        select(Review)
        .join(Review.product)
        .options(joinedload(Review.product))
        .where(Product.maker_id == maker_id, Review.status == ReviewStatus.APPROVED)
        .order_by(Review.approved_at.desc(), Review.id.desc())
    )
    return list(db.session.scalars(query))
