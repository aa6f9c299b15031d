"""Listing use cases. Each is a verb that commits once and raises a DomainError on a broken rule."""

import logging
from collections.abc import Collection, Sequence
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from storefront.catalog.models import Category, ListingStatus, Product
from storefront.database import rows_matched, utcnow
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.listings import notifications, staging
from storefront.listings import photos as photo_list
from storefront.listings.models import (
    AVAILABILITY_FIELDS,
    CONTENT_FIELDS,
    ProductRevision,
    RevisionStatus,
    record,
    set_status,
)
from storefront.listings.photos import PhotoError as PhotoError  # raised here, for the views
from storefront.listings.queries import pending_revision
from storefront.listings.slugs import unique_slug
from storefront.makers.models import Maker
from storefront.media.images import Upload
from storefront.money import MAX_PRICE_IDR, MIN_PRICE_IDR
from storefront.stock_alerts.services import notify_back
from storefront.stock_alerts.similar import notify_similar

log = logging.getLogger(__name__)
L = ListingStatus
MAX_STOCK = 9999


def create_listing(
    maker: Maker,
    data: dict[str, Any],
    photos: Sequence[Upload],
    *,
    submit: bool,
    actor_id: int,
    staged: Sequence[dict[str, Any]] = (),
    stage_token: str | None = None,
) -> Product:
    """A new listing, saved as a draft or sent straight to review. `staged`: photos kept from a
    try that had an error (listings.staging), taken over with the listing."""
    values = _checked(data)
    values.pop("stock_seen", None)  # a new listing has no earlier stock to protect
    if not photos and not staged:
        raise PhotoError(_("Add at least one photo."))
    if staged:
        photo_list.check_count(len(staged), len(photos))
    stored = photo_list.store_photos(photos)
    try:
        product = Product(
            maker=maker, status=L.DRAFT, slug=unique_slug(values["title_id"]), **values
        )
        db.session.add(product)
        photo_list.set_photos(product, [*staged, *stored])
        staging.clear(maker.id, stage_token)
        record(actor_id, "listing.create", product)
        if submit:
            set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
        db.session.commit()
    except Exception:  # e.g. a busy database: the photo files of a listing never saved go too
        db.session.rollback()
        photo_list.discard(p["key"] for p in stored)
        raise
    return product


def update_listing(
    product: Product,
    data: dict[str, Any],
    photos: Sequence[Upload],
    *,
    remove: Collection[str] = (),
    submit: bool,
    actor_id: int,
    staged: Sequence[dict[str, Any]] = (),
    stage_token: str | None = None,
) -> Product:
    """Edit a listing: keep the photos not in `remove`, add `staged` and `photos` (1 to 5 in all).

    On a live listing the change becomes a revision that waits for review.
    """
    if product.status == L.ARCHIVED:
        raise Conflict(_("Restore this listing before you change it."))
    values = _checked(data)
    # Keys not among the listing's own photos (another maker's, made up) are simply not found.
    before = photo_list.current_photos(product, pending_revision(product))
    removed = set(remove)
    kept = [p for p in before if p["key"] not in removed]
    photo_list.check_count(len(kept), len(photos) + len(staged))
    stored = photo_list.store_photos(photos)
    try:
        _apply_edit(product, values, [*kept, *staged, *stored], submit=submit, actor_id=actor_id)
        staging.clear(product.maker_id, stage_token)
        db.session.commit()
    except Exception:
        db.session.rollback()
        photo_list.discard(p["key"] for p in stored)
        raise
    photo_list.release(p["key"] for p in before if p not in kept)
    notify_back([product.id])  # back in stock (or made to order now): her subscribers hear
    return product


def submit_for_review(product: Product, *, actor_id: int) -> None:
    """Send a draft or a rejected listing to the review queue."""
    if not product.photos:
        raise PhotoError(_("Add at least one photo."))
    set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
    db.session.commit()


def approve(product: Product, *, admin_id: int) -> None:
    """Publish a pending listing, or swap a live listing's pending revision in. A listing new in
    the shop tells its own sign-ups that it is back (a sold-out bag relisted) and those that
    wanted a similar one of its maker (stock_alerts.similar)."""
    revision = pending_revision(product)
    old_keys = [photo.key for photo in product.photos]
    is_new = product.status == L.PENDING
    if is_new:
        set_status(product, L.LIVE, actor_id=admin_id, action="listing.approve")
    elif revision is not None and product.status == L.LIVE:
        _apply_revision(product, revision, admin_id)
    else:
        raise Conflict(_("Nothing is waiting for review here."))
    notifications.notify_decision(product, approved=True, reason="")  # sent once committed
    db.session.commit()
    photo_list.release(old_keys)
    if is_new:  # after the commit: an approval rolled back tells nobody
        notify_back([product.id])  # back in the shop (relisted): its own sign-ups hear first
        notify_similar(product)


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
    notifications.notify_decision(product, approved=False, reason=reason)  # sent once committed
    db.session.commit()
    _release_revision_photos(revision)


def unpublish(product: Product, *, admin_id: int, reason: str) -> None:
    """Take a live listing out of the shop, with the reason the maker will read."""
    reason = _required_reason(reason)
    if product.status != L.LIVE:
        raise Conflict(_("Only a listing that is live in the shop can be unpublished."))
    set_status(product, L.REJECTED, actor_id=admin_id, reason=reason, action="listing.unpublish")
    revision = _withdraw_revision(product, admin_id)
    notifications.notify_decision(product, approved=False, reason=reason)  # sent once committed
    db.session.commit()
    _release_revision_photos(revision)


def archive(product: Product, *, actor_id: int) -> None:
    """Take a listing away (the maker may do it at any time, without review)."""
    set_status(product, L.ARCHIVED, actor_id=actor_id, action="listing.archive")
    revision = _withdraw_revision(product, actor_id)
    db.session.commit()
    _release_revision_photos(revision)


def restore(product: Product, *, actor_id: int) -> None:
    """Bring an archived listing back as a draft."""
    set_status(product, L.DRAFT, actor_id=actor_id, action="listing.restore")
    db.session.commit()


class StockChanged(Conflict):
    """The stock moved (a sale, a reservation) since the maker's page showed it."""


def change_stock(product: Product, stock: int, *, seen: int | None, actor_id: int) -> None:
    """Set how many are ready to sell; no review needed. `seen` is the stock her page showed."""
    if not 0 <= stock <= MAX_STOCK:
        raise DomainError(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK))
    if product.approved_variants:  # its stock is the sum of its options': change those
        raise DomainError(_("This product has options: change the stock of each option."))
    old = product.stock
    if _set_stock(product, stock, seen):
        record(actor_id, "listing.stock", product, details={"stock": [old, stock]})
    db.session.commit()
    if stock > 0:
        notify_back([product.id])


def _set_stock(product: Product, stock: int, seen: int | None) -> bool:
    """Write the maker's new stock only if it is still what her page showed: checkout takes
    stock with a conditional UPDATE, and a plain write would give back units sold meanwhile.
    Returns False when she left the number as it was."""
    if seen is not None and stock == seen:
        return False
    expected = product.stock if seen is None else seen
    result = db.session.execute(
        update(Product)
        .where(Product.id == product.id, Product.stock == expected)
        .values(stock=stock)
        .execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        raise StockChanged(
            _("Someone bought this product while you were editing. Check the stock and save again.")
        )
    set_committed_value(product, "stock", stock)
    return True


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
    values["stock_seen"] = data.get("stock_seen")
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


def _apply_edit(
    product: Product,
    values: dict[str, Any],
    photos: list[dict[str, Any]],
    *,
    submit: bool,
    actor_id: int,
) -> None:
    _set_stock(product, values["stock"], values.get("stock_seen"))
    for name in AVAILABILITY_FIELDS:
        if name != "stock":
            setattr(product, name, values[name])
    content = {name: values[name] for name in CONTENT_FIELDS}
    if product.status == L.LIVE:
        _propose_revision(product, content, photos, actor_id)
    else:
        _edit_in_place(product, content, photos, submit=submit, actor_id=actor_id)


def _edit_in_place(
    product: Product,
    content: dict[str, Any],
    photos: list[dict[str, Any]],
    *,
    submit: bool,
    actor_id: int,
) -> None:
    # The address stays the same once customers may have seen it.
    if product.published_at is None and content["title_id"] != product.title_id:
        product.slug = unique_slug(content["title_id"], exclude_id=product.id)
    for name, value in content.items():
        setattr(product, name, value)
    photo_list.set_photos(product, photos)
    record(actor_id, "listing.edit", product)
    if submit and product.status != L.PENDING:
        set_status(product, L.PENDING, actor_id=actor_id, action="listing.submit")
    elif not submit and product.status == L.PENDING:
        set_status(product, L.DRAFT, actor_id=actor_id, action="listing.withdraw")


def _propose_revision(
    product: Product, content: dict[str, Any], photos: list[dict[str, Any]], actor_id: int
) -> None:
    revision = pending_revision(product)
    if revision is None:
        revision = ProductRevision(
            product=product, author_id=actor_id, status=RevisionStatus.PENDING
        )
    revision.data = content
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
        photo_list.set_photos(product, revision.photos)
    _close_revision(revision, RevisionStatus.APPROVED, admin_id, "")
    record(admin_id, "revision.approve", product, details=changes)


def _close_revision(revision: ProductRevision, status: str, actor_id: int, reason: str) -> None:
    revision.status = status
    revision.decided_by_id = actor_id
    revision.decided_at = utcnow()
    revision.reason = reason


def _withdraw_revision(product: Product, actor_id: int) -> ProductRevision | None:
    revision = pending_revision(product)
    if revision is not None:
        _close_revision(
            revision, RevisionStatus.REJECTED, actor_id, _("The listing left the shop.")
        )
    return revision


def _release_revision_photos(revision: ProductRevision | None) -> None:
    """A refused or withdrawn revision's new photos are shown nowhere any more."""
    if revision is not None:
        photo_list.release(p["key"] for p in revision.photos)
