"""Readable, unique product slugs from the Indonesian title."""

from slugify import slugify

from storefront.catalog.models import Product
from storefront.extensions import db

MAX_LENGTH = 100


def unique_slug(title: str, *, exclude_id: int | None = None) -> str:
    """`tas-anyaman-biru`, or `tas-anyaman-biru-2` (-3, ...) when that one is taken."""
    base = slugify(title, max_length=MAX_LENGTH, word_boundary=True) or "produk"
    query = db.select(Product.slug).where(Product.slug.startswith(base, autoescape=True))
    if exclude_id is not None:
        query = query.where(Product.id != exclude_id)
    taken = set(db.session.scalars(query))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
