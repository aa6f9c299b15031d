"""A listing's options (colour, size): each with its own stock, price difference and photo.

The product's own stock is kept as the sum of its options', always moved in the same statement
group as an option's, so checkout (which takes both with conditional UPDATEs) and every page that
reads only the product agree. One-of-a-kind products simply have no options.

On a live listing, an option that changes the price is a change of price: like a revision, it
waits for an admin (listings.variant_review). Until approved it is not on sale and its stock is
not part of the product's; "the product's stock is the sum of its options'" means its approved
options'."""

from flask_babel import lazy_gettext as _  # lazy: also used outside requests
from sqlalchemy import exists, select, update
from sqlalchemy.orm.attributes import set_committed_value

from storefront.catalog.models import ListingStatus, Product, ProductVariant
from storefront.database import rows_matched, utcnow
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.listings.models import record
from storefront.money import MIN_PRICE_IDR

MAX_STOCK = 9999
MAX_VARIANTS = 20


def add_variant(
    product: Product,
    *,
    colour: str,
    size: str,
    price_delta_idr: int = 0,
    stock: int = 0,
    photo_id: int | None = None,
    actor_id: int | None = None,
) -> ProductVariant:
    """Add an option; its stock joins the product's, unless it changes the price of a live
    listing: then it waits for review. Commits."""
    colour, size = colour.strip()[:40], size.strip()[:20]
    if not (colour or size):
        raise DomainError(_("Give the option a colour or a size."))
    if any(v.colour == colour and v.size == size for v in product.variants):
        raise Conflict(_("That option exists already."))
    if len(product.variants) >= MAX_VARIANTS:
        raise DomainError(_("A product has at most %(max)d options.", max=MAX_VARIANTS))
    if not 0 <= stock <= MAX_STOCK:
        raise DomainError(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK))
    if product.price_idr + price_delta_idr < MIN_PRICE_IDR:
        raise DomainError(_("With this difference the price would be too low."))
    if photo_id is not None and photo_id not in {p.id for p in product.photos}:
        raise DomainError(_("Choose one of this product's photos."))
    needs_review = product.status == ListingStatus.LIVE and price_delta_idr != 0
    if not needs_review and not product.approved_variants:
        # Its units so far become this first option's: nothing on sale appears or vanishes.
        db.session.refresh(product, ["stock"])
        stock += product.stock
        _move_product_stock(product, -product.stock)
    variant = ProductVariant(
        colour=colour,
        size=size,
        price_delta_idr=price_delta_idr,
        stock=stock,
        photo_id=photo_id,
        position=len(product.variants),
        is_approved=not needs_review,
        submitted_at=utcnow() if needs_review else None,
    )
    product.variants.append(variant)
    if not needs_review:
        _move_product_stock(product, stock)
    db.session.flush()
    if actor_id is not None:
        action = "variant.submit" if needs_review else "listing.variant_add"
        details = {"variant": variant.label, "price_delta_idr": price_delta_idr}
        record(actor_id, action, product, details=details)
    db.session.commit()
    return variant


def set_variant_stock(variant: ProductVariant, stock: int, *, seen: int | None) -> None:
    """Set an option's stock (from her phone), only if it is still what her page showed: a sale
    meanwhile is never given back. Commits."""
    if not 0 <= stock <= MAX_STOCK:
        raise DomainError(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK))
    expected = variant.stock if seen is None else seen
    if stock == expected:
        return
    result = db.session.execute(
        update(ProductVariant)
        .where(ProductVariant.id == variant.id, ProductVariant.stock == expected)
        .values(stock=stock)
        .execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        db.session.rollback()
        raise Conflict(
            _("Someone bought this product while you were editing. Check the stock and save again.")
        )
    set_committed_value(variant, "stock", stock)
    _move_product_stock(variant.product, stock - expected, if_approved=variant.id)
    db.session.commit()


def _move_product_stock(product: Product, delta: int, *, if_approved: int | None = None) -> None:
    """Add `delta` to the product's stock; with `if_approved`, only if that option is approved
    when the statement runs (read in the database, not from the session: an admin may approve it
    meanwhile, and variant_review.approve_variant then counts the stock it finds)."""
    if not delta or product.id is None:
        return
    statement = update(Product).where(Product.id == product.id)
    if if_approved is not None:
        approved = select(ProductVariant.id).where(
            ProductVariant.id == if_approved, ProductVariant.is_approved.is_(True)
        )
        statement = statement.where(exists(approved))
    db.session.execute(
        statement.values(stock=Product.stock + delta).execution_options(synchronize_session=False)
    )
    db.session.expire(product, ["stock"])
