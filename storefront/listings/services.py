"""Listing use cases. Each is a verb that commits once and raises a DomainError on a broken rule."""

import logging
from dataclasses import asdict
from typing import Any

from flask_babel import gettext as _

from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.database import utcnow
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.listings import notifications
from storefront.listings.models import (
    AVAILABILITY_FIELDS,
    CONTENT_FIELDS,
    ProductRevision,
    RevisionStatus,
    record,
    set_status,
)
from storefront.listings.queries import pending_revision
from storefront.listings.slugs import unique_slug
from storefront.makers.models import Maker
from storefront.media.images import ImageRejected, StoredImage, store_upload
from storefront.media.storage import get_storage
from storefront.money import MAX_PRICE_IDR, MIN_PRICE_IDR

log = logging.getLogger(__name__)
L = ListingStatus
MAX_PHOTOS = 5
MAX_STOCK = 9999


class PhotoError(DomainError):
    """A problem with the photos of a listing (shown next to the photo field)."""


def create_listing(
    maker: Maker, data: dict[str, Any], photos: list[bytes], *, submit: bool, actor_id: int
) -> Product:
    """A new listing, saved as a draft or sent straight to review."""
    values = _checked(data)
    if not photos:
        raise PhotoError(_("Add at least one photo."))
    stored = _store_photos(photos)
    product = Product(maker=maker, status=L.DRAFT, slug=unique_slug(values["title_id"]), **values)
    db.session.add(product)
    _replace_photos(product, [asdict(s) for s in stored])
    record(actor_id, "listing.create", product)
    if submit:
        set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
    db.session.commit()
    return product


def update_listing(
    product: Product, data: dict[str, Any], photos: list[bytes], *, submit: bool, actor_id: int
) -> Product:
    """Edit a listing; on a live one the change becomes a revision that waits for review."""
    if product.status == L.ARCHIVED:
        raise Conflict(_("Restore this listing before you change it."))
    values = _checked(data)
    stored = [asdict(s) for s in _store_photos(photos)]
    for name in AVAILABILITY_FIELDS:
        setattr(product, name, values[name])
    content = {name: values[name] for name in CONTENT_FIELDS}
    if product.status == L.LIVE:
        _propose_revision(product, content, stored, actor_id)
    else:
        _edit_in_place(product, content, stored, submit=submit, actor_id=actor_id)
    db.session.commit()
    return product


def submit_for_review(product: Product, *, actor_id: int) -> None:
    """Send a draft or a rejected listing to the review queue."""
    if not product.photos:
        raise PhotoError(_("Add at least one photo."))
    set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
    db.session.commit()


def approve(product: Product, *, admin_id: int) -> None:
    """Publish a pending listing, or swap a live listing's pending revision in."""
    revision = pending_revision(product)
    if product.status == L.PENDING:
        set_status(product, L.LIVE, actor_id=admin_id, action="listing.approve")
    elif revision is not None and product.status == L.LIVE:
        _apply_revision(product, revision, admin_id)
    else:
        raise Conflict(_("Nothing is waiting for review here."))
    db.session.commit()
    notifications.notify_decision(product, approved=True, reason="")


def reject(product: Product, *, admin_id: int, reason: str) -> None:
    """Refuse a pending listing or revision; the reason is required and shown to the maker."""
    reason = _required_reason(reason)
    revision = pending_revision(product)
    if product.status == L.PENDING:
        set_status(product, L.REJECTED, actor_id=admin_id, reason=reason, action="listing.reject")
    elif revision is not None and product.status == L.LIVE:
        _close_revision(revision, RevisionStatus.REJECTED, admin_id, reason)
        record(admin_id, "revision.reject", product, reason=reason)
    else:
        raise Conflict(_("Nothing is waiting for review here."))
    db.session.commit()
    notifications.notify_decision(product, approved=False, reason=reason)


def unpublish(product: Product, *, admin_id: int, reason: str) -> None:
    """Take a live listing out of the shop, with the reason the maker will read."""
    reason = _required_reason(reason)
    if product.status != L.LIVE:
        raise Conflict(_("Only a listing that is live in the shop can be unpublished."))
    set_status(product, L.REJECTED, actor_id=admin_id, reason=reason, action="listing.unpublish")
    _withdraw_revision(product, admin_id)
    db.session.commit()
    notifications.notify_decision(product, approved=False, reason=reason)


def archive(product: Product, *, actor_id: int) -> None:
    """Take a listing away (the maker may do it at any time, without review)."""
    set_status(product, L.ARCHIVED, actor_id=actor_id, action="listing.archive")
    _withdraw_revision(product, actor_id)
    db.session.commit()


def restore(product: Product, *, actor_id: int) -> None:
    """Bring an archived listing back as a draft."""
    set_status(product, L.DRAFT, actor_id=actor_id, action="listing.restore")
    db.session.commit()


def change_stock(product: Product, stock: int, *, actor_id: int) -> None:
    """Set how many are ready to sell; no review needed."""
    if not 0 <= stock <= MAX_STOCK:
        raise DomainError(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK))
    old, product.stock = product.stock, stock
    record(actor_id, "listing.stock", product, details={"stock": [old, stock]})
    db.session.commit()


def admin_edit(product: Product, *, admin_id: int, category_id: int, price_idr: int) -> None:
    """An admin fixes a category or price typo; every change is audited."""
    _check_price(price_idr)
    _check_category(category_id)
    changes = {}
    for name, value in (("category_id", category_id), ("price_idr", price_idr)):
        if getattr(product, name) != value:
            changes[name] = [getattr(product, name), value]
            setattr(product, name, value)
    if changes:
        record(admin_id, "listing.admin_edit", product, details=changes)
        db.session.commit()


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields a maker may set, checked; anything else that was posted is ignored."""
    values = {name: data[name] for name in CONTENT_FIELDS + AVAILABILITY_FIELDS}
    _check_price(values["price_idr"])
    _check_category(values["category_id"])
    if not 0 <= values["stock"] <= MAX_STOCK:
        raise DomainError(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK))
    if not values["is_made_to_order"]:
        values["lead_time_days"] = None
    elif not values["lead_time_days"]:
        raise DomainError(_("Say in how many days you can make it."))
    return values


def _check_price(price_idr: int | None) -> None:
    if price_idr is None or not MIN_PRICE_IDR <= price_idr <= MAX_PRICE_IDR:
        raise DomainError(_("The price must be from Rp1.000 to Rp100.000.000."))


def _check_category(category_id: int | None) -> None:
    if category_id is None or db.session.get(Category, category_id) is None:
        raise DomainError(_("Choose a category."))


def _required_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write the reason: the maker will read it."))
    return reason[:500]


def _store_photos(photos: list[bytes]) -> list[StoredImage]:
    if len(photos) > MAX_PHOTOS:
        raise PhotoError(_("You can add at most %(max)d photos.", max=MAX_PHOTOS))
    stored = []
    for number, data in enumerate(photos, start=1):
        try:
            stored.append(store_upload(get_storage(), data))
        except ImageRejected as error:
            raise PhotoError(
                _("Photo %(number)d: %(reason)s", number=number, reason=error.message)
            ) from None
    return stored


def _replace_photos(product: Product, photos: list[dict[str, Any]]) -> None:
    product.photos = [
        ProductPhoto(position=i, key=p["key"], width=p["width"], height=p["height"])
        for i, p in enumerate(photos)
    ]


def _edit_in_place(
    product: Product, content: dict[str, Any], photos: list[dict], *, submit: bool, actor_id: int
) -> None:
    # The address stays the same once customers may have seen it.
    if product.published_at is None and content["title_id"] != product.title_id:
        product.slug = unique_slug(content["title_id"], exclude_id=product.id)
    for name, value in content.items():
        setattr(product, name, value)
    if photos:
        _replace_photos(product, photos)
    record(actor_id, "listing.edit", product)
    if submit and product.status != L.PENDING:
        set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
    elif not submit and product.status == L.PENDING:
        set_status(product, L.DRAFT, actor_id=actor_id, action="listing.withdraw")


def _propose_revision(
    product: Product, content: dict[str, Any], photos: list[dict], actor_id: int
) -> None:
    revision = pending_revision(product)
    if revision is None:
        revision = ProductRevision(
            product=product, author_id=actor_id, status=RevisionStatus.PENDING
        )
        current = [{"key": p.key, "width": p.width, "height": p.height} for p in product.photos]
        revision.photos = current
    revision.data = content
    if photos:
        revision.photos = photos
    if not revision.changes():
        # Nothing differs from what customers see: no review needed.
        if revision.id is not None:
            db.session.delete(revision)
        record(actor_id, "listing.edit", product)
        return
    db.session.add(revision)
    record(actor_id, "revision.submit", product)


def _apply_revision(product: Product, revision: ProductRevision, admin_id: int) -> None:
    changes = {name: [old, new] for name, old, new in revision.changes()}
    for name, value in revision.data.items():
        setattr(product, name, value)
    if "photos" in changes:
        _replace_photos(product, revision.photos)
    _close_revision(revision, RevisionStatus.APPROVED, admin_id, "")
    record(admin_id, "revision.approve", product, details=changes)


def _close_revision(revision: ProductRevision, status: str, actor_id: int, reason: str) -> None:
    revision.status = status
    revision.decided_by_id = actor_id
    revision.decided_at = utcnow()
    revision.reason = reason


def _withdraw_revision(product: Product, actor_id: int) -> None:
    revision = pending_revision(product)
    if revision is not None:
        _close_revision(
            revision, RevisionStatus.REJECTED, actor_id, _("The listing left the shop.")
        )
