"""A listing's options (colour, size): each with its own stock, price difference and photo.

The product's own stock is kept as the sum of its options', always moved in the same statement
group as an option's, so checkout (which takes both with conditional UPDATEs) and every page that
reads only the product agree. One-of-a-kind products simply have no options."""

from flask_babel import lazy_gettext as _  # lazy: also used outside requests
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from storefront.catalog.models import Product, ProductVariant
from storefront.database import rows_matched
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
    """Add an option; its stock joins the product's. Commits."""
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
    if not product.variants:
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
    )
    product.variants.append(variant)
    _move_product_stock(product, stock)
    db.session.flush()
    if actor_id is not None:
        record(actor_id, "listing.variant_add", product, details={"variant": variant.label})
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
    _move_product_stock(variant.product, stock - expected)
    db.session.commit()


def _move_product_stock(product: Product, delta: int) -> None:
    if not delta or product.id is None:
        return
    db.session.execute(
        update(Product)
        .where(Product.id == product.id)
        .values(stock=Product.stock + delta)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(product, ["stock"])
