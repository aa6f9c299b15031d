"""Review use cases: who may review (a paid, delivered line she kept, once, not her own work), the
admin's decisions (audited) and the maker's one reply. Each commits once.

Refunds: a whole refund closes the order (refunded: nothing to review). A line refunded in full
(all its items, as the ledger records per line) is a refunded purchase like a refunded order:
it cannot be reviewed, and a review of it still waiting for moderation cannot be published (the
queue flags it for rejection). A line refunded in part (one of two items, a compensation spread
over the order) is still a purchase she paid for: it can."""

from typing import IO

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select, update

from storefront.audit import record
from storefront.catalog.models import Product
from storefront.database import rows_matched, utcnow
from storefront.earnings.queries import lines_refunded_in_full
from storefront.errors import Conflict, DomainError, Forbidden
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.media.images import ImageRejected, delete_image, store_upload
from storefront.media.storage import get_storage
from storefront.orders.models import Order, OrderLine, OrderStatus
from storefront.reviews.models import MAX_BODY, MAX_REPLY, Review, ReviewStatus
from storefront.text import has_link

S = OrderStatus
REVIEWABLE = frozenset({S.DELIVERED, S.PICKED_UP})


class ReviewRefused(DomainError):
    """This line cannot be reviewed (not delivered, refunded, reviewed already, her own)."""


class LineRefunded(Conflict):
    """The reviewed line was refunded in full after the review came: it cannot be published."""


def reviewable_lines(order: Order) -> list[OrderLine]:
    """The order's lines its buyer may review now (none unless it was paid and delivered)."""
    if order.status not in REVIEWABLE or order.paid_at is None:
        return []
    reviewed = set(
        db.session.scalars(select(Review.order_line_id).where(Review.order_id == order.id))
    )
    reviewed |= lines_refunded_in_full(line.id for line in order.lines)
    return [
        line
        for line in order.lines
        if line.product_id is not None and line.id not in reviewed and not _own(order, line)
    ]


def _own(order: Order, line: OrderLine) -> bool:
    """The buyer is the maker of the product (by account or by email)."""
    maker = db.session.get(Maker, line.maker_id)
    user = maker.user if maker is not None else None
    if user is None:
        return False
    same_email = bool(user.email) and (user.email or "").lower() == (order.email or "").lower()
    return order.user_id == user.id or same_email


def check_may_review(order: Order, line: OrderLine) -> None:
    """ReviewRefused unless the buyer of `order` may review `line` now."""
    if line.order_id != order.id or line.product_id is None:
        raise ReviewRefused(_("This item cannot be reviewed."))
    if order.status not in REVIEWABLE or order.paid_at is None:
        raise ReviewRefused(_("You can review an item once it has been delivered or picked up."))
    if lines_refunded_in_full([line.id]):
        raise ReviewRefused(_("This item was refunded, so it cannot be reviewed."))
    if _own(order, line):
        raise ReviewRefused(_("You cannot review your own product."))
    if _already_reviewed(order, line.product_id):
        raise ReviewRefused(_("You have already reviewed this product."))


def _already_reviewed(order: Order, product_id: int) -> bool:
    same_buyer = select(Order.id).where(func.lower(Order.email) == (order.email or "").lower())
    return bool(
        db.session.scalar(
            select(func.count(Review.id)).where(
                Review.product_id == product_id, Review.order_id.in_(same_buyer)
            )
        )
    )


def submit_review(
    order: Order, line: OrderLine, *, rating: int, body: str, photo: bytes | IO[bytes] | None
) -> Review:
    """Store a review (pending moderation) of a delivered line; commits."""
    check_may_review(order, line)
    body = (body or "").strip()
    if not 1 <= rating <= 5:
        raise DomainError(_("Choose from 1 to 5 stars."))
    if len(body) > MAX_BODY:
        raise DomainError(_("Write at most %(max)d characters.", max=MAX_BODY))
    if has_link(body):
        raise DomainError(_("Please leave out web addresses."))
    review = Review(
        product_id=line.product_id,
        order_line_id=line.id,
        order_id=order.id,
        rating=rating,
        body=body,
        first_name=(order.contact_name or "").strip().split(" ")[0][:60] or "—",
        city=(order.city or "")[:100],
        locale=order.locale or "id",
    )
    if photo is not None:
        try:
            stored = store_upload(get_storage(), photo)
        except ImageRejected as error:
            raise DomainError(error.message) from None
        review.photo_key, review.photo_width, review.photo_height = (
            stored.key,
            stored.width,
            stored.height,
        )
    db.session.add(review)
    db.session.commit()
    return review


def _claim(review: Review, column: str, new: str) -> bool:
    """Move a pending review (or reply) on, only if nobody decided it meanwhile."""
    field = getattr(Review, column)
    result = db.session.execute(
        update(Review)
        .where(Review.id == review.id, field == ReviewStatus.PENDING)
        .values({column: new})
        .execution_options(synchronize_session=False)
    )
    return rows_matched(result) == 1


def approve(review: Review, *, admin_id: int) -> None:
    """Publish a review; the product's count and average follow. Audited; commits. Refused for
    a line refunded in full since the review came (the queue flags it: reject it)."""
    if lines_refunded_in_full([review.order_line_id]):
        raise LineRefunded(_("This item was refunded in full: its review cannot be published."))
    if not _claim(review, "status", ReviewStatus.APPROVED):
        db.session.rollback()
        raise Conflict(_("This review was decided already."))
    db.session.execute(update(Review).where(Review.id == review.id).values(approved_at=utcnow()))
    db.session.execute(
        update(Product)
        .where(Product.id == review.product_id)
        .values(
            review_count=Product.review_count + 1,
            rating_total=Product.rating_total + review.rating,
        )
        .execution_options(synchronize_session=False)
    )
    record(admin_id, "review.approve", "review", review.id, details={"rating": review.rating})
    db.session.commit()
    db.session.expire_all()


def reject(review: Review, *, admin_id: int, reason: str) -> None:
    """Refuse a review, with the reason kept for the audit log; its photo goes. Commits."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write the reason."))
    if not _claim(review, "status", ReviewStatus.REJECTED):
        db.session.rollback()
        raise Conflict(_("This review was decided already."))
    key = review.photo_key
    db.session.execute(
        update(Review)
        .where(Review.id == review.id)
        .values(reject_reason=reason[:300], photo_key=None)
    )
    record(admin_id, "review.reject", "review", review.id, reason=reason)
    db.session.commit()
    db.session.expire_all()
    if key:
        delete_image(get_storage(), key)


def reply(review: Review, maker: Maker, body: str) -> None:
    """The maker's one reply to an approved review of her product (moderated too); commits."""
    if review.product.maker_id != maker.id:
        raise Forbidden(_("This is not a review of your product."))
    body = (body or "").strip()
    if review.status != ReviewStatus.APPROVED or review.reply_status is not None:
        raise Conflict(_("You can reply once, to a published review."))
    if not body or len(body) > MAX_REPLY:
        raise DomainError(_("Write from 1 to %(max)d characters.", max=MAX_REPLY))
    if has_link(body):
        raise DomainError(_("Please leave out web addresses."))
    review.reply_body, review.reply_status, review.replied_at = (
        body,
        ReviewStatus.PENDING,
        utcnow(),
    )
    db.session.commit()


def approve_reply(review: Review, *, admin_id: int) -> None:
    if not _claim(review, "reply_status", ReviewStatus.APPROVED):
        db.session.rollback()
        raise Conflict(_("This reply was decided already."))
    record(admin_id, "review.reply_approve", "review", review.id)
    db.session.commit()
    db.session.expire_all()


def reject_reply(review: Review, *, admin_id: int, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write the reason."))
    if not _claim(review, "reply_status", ReviewStatus.REJECTED):
        db.session.rollback()
        raise Conflict(_("This reply was decided already."))
    db.session.execute(
        update(Review).where(Review.id == review.id).values(reply_reason=reason[:300])
    )
    record(admin_id, "review.reply_reject", "review", review.id, reason=reason)
    db.session.commit()
    db.session.expire_all()
