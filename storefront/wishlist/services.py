"""Heart and un-heart a product; what a customer's hearts are."""

from flask import g
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from storefront.catalog.models import Product
from storefront.database import rows_matched
from storefront.extensions import db
from storefront.wishlist.models import WishlistItem


def toggle(user_id: int, product: Product) -> bool:
    """Add the product to her wishlist, or take it off if it was there; True if it is on now."""
    removed = db.session.execute(
        delete(WishlistItem).where(
            WishlistItem.user_id == user_id, WishlistItem.product_id == product.id
        )
    )
    if rows_matched(removed):
        db.session.commit()
        return False
    db.session.add(
        WishlistItem(user_id=user_id, product_id=product.id, was_sold_out=not product.is_available)
    )
    try:
        db.session.commit()
    except IntegrityError:  # a double click raced this one: it is on the list either way
        db.session.rollback()
    return True


def hearted_ids(user_id: int) -> set[int]:
    """The product ids on her wishlist: one query per request, however many cards show."""
    cached: set[int] | None = g.get("wishlist_ids")
    if cached is None:
        cached = set(
            db.session.scalars(
                select(WishlistItem.product_id).where(WishlistItem.user_id == user_id)
            )
        )
        g.wishlist_ids = cached
    return cached


def items(user_id: int) -> list[WishlistItem]:
    query = (
        select(WishlistItem)
        .options(
            joinedload(WishlistItem.product).joinedload(Product.maker),
            joinedload(WishlistItem.product).selectinload(Product.photos),
        )
        .where(WishlistItem.user_id == user_id)
        .order_by(WishlistItem.created_at.desc(), WishlistItem.id.desc())
    )
    return list(db.session.scalars(query).unique())
