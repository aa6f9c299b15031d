"""An admin's decision on an option waiting for review (one that changes a live listing's price,
listings.variants.add_variant): approved, it goes on sale and its stock joins the product's;
rejected, it is removed. Both are audited and the maker is told, as for a revision."""

from flask_babel import gettext as _
from sqlalchemy import Delete, Update, delete, select, update

from storefront.catalog.models import Product, ProductVariant
from storefront.database import rows_matched
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.listings import notifications
from storefront.listings.models import record
from storefront.stock_alerts.services import notify_back


def approve_variant(variant: ProductVariant, *, admin_id: int) -> None:
    """Put a waiting option on sale: its stock joins the product's (a first option on sale takes
    over the product's own units, as add_variant does). Commits; then back-in-stock subscribers
    hear if the product can be bought now."""
    product, label = variant.product, variant.label
    is_first = not product.approved_variants
    # The flag first, conditionally: of two admins deciding at once only one gets past here, and
    # the option's row stays locked (PostgreSQL) until the commit, so the stock read below is the
    # one that joins. A stock edit of hers meanwhile moves the product's only once it sees the
    # flag (variants._move_product_stock), so no unit is counted twice or never.
    _claim(update(ProductVariant).values(is_approved=True), variant)
    own = select(ProductVariant.stock).where(ProductVariant.id == variant.id).scalar_subquery()
    db.session.execute(
        update(Product)
        .where(Product.id == product.id)
        .values(stock=Product.stock + own)
        .execution_options(synchronize_session=False)
    )
    if is_first:  # the product's row is locked now: no sale moves its stock before the commit
        total = select(Product.stock).where(Product.id == product.id).scalar_subquery()
        db.session.execute(
            update(ProductVariant)
            .where(ProductVariant.id == variant.id)
            .values(stock=total)
            .execution_options(synchronize_session=False)
        )
    db.session.expire(variant)
    db.session.expire(product, ["stock"])
    record(admin_id, "variant.approve", product, details=_details(variant, label))
    notifications.notify_decision(product, approved=True, reason="", option=label)
    db.session.commit()
    notify_back([product.id])  # sold out until now: her "tell me when it is back" subscribers


def reject_variant(variant: ProductVariant, *, admin_id: int, reason: str) -> None:
    """Refuse a waiting option: it is removed (its stock was never the product's); the reason is
    required and goes to the maker. Commits."""
    reason = (reason or "").strip()[:500]
    if not reason:
        raise DomainError(_("Write the reason: the maker will read it."))
    product, label, details = variant.product, variant.label, _details(variant, variant.label)
    _claim(delete(ProductVariant), variant)
    db.session.expunge(variant)
    db.session.expire(product, ["variants"])
    record(admin_id, "variant.reject", product, reason=reason, details=details)
    notifications.notify_decision(product, approved=False, reason=reason, option=label)
    db.session.commit()


def _claim(statement: Update | Delete, variant: ProductVariant) -> None:
    """Run an UPDATE or DELETE of the option only while it still waits for review."""
    result = db.session.execute(
        statement.where(
            ProductVariant.id == variant.id, ProductVariant.is_approved.is_(False)
        ).execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        db.session.rollback()
        raise Conflict(_("This option is not waiting for review any more."))


def _details(variant: ProductVariant, label: str) -> dict[str, object]:
    return {"variant": label, "price_delta_idr": variant.price_delta_idr, "stock": variant.stock}
