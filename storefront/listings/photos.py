"""A listing's photo list: keep, remove and add photos (1 to 5), and free the files nobody shows."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from flask_babel import gettext as _

from storefront.catalog.models import ListingStatus, Product, ProductPhoto
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.jobs import enqueue, handler
from storefront.listings.models import ProductRevision, RevisionStatus
from storefront.media.images import (
    ImageRejected,
    Upload,
    accept_upload,
    delete_image,
    render_original,
)
from storefront.media.storage import StorageUnavailable, get_storage

log = logging.getLogger(__name__)
MAX_PHOTOS = 5


class PhotoError(DomainError):
    """A problem with the photos of a listing (shown next to the photo field)."""


def as_dicts(photos: Iterable[ProductPhoto]) -> list[dict[str, Any]]:
    return [{"key": p.key, "width": p.width, "height": p.height} for p in photos]


def current_photos(product: Product, revision: ProductRevision | None) -> list[dict[str, Any]]:
    """The photos the maker is editing: the pending revision's of a live listing, else her own."""
    if revision is not None and product.status == ListingStatus.LIVE:
        return list(revision.photos)
    return as_dicts(product.photos)


def check_count(kept: int, added: int) -> None:
    """A listing keeps 1 to MAX_PHOTOS photos; checked before any upload is stored."""
    if kept + added < 1:
        raise PhotoError(_("Keep at least one photo, or add a new one."))
    if kept + added > MAX_PHOTOS:
        raise PhotoError(
            _(
                "A product can have at most %(max)d photos. Remove some before you add more.",
                max=MAX_PHOTOS,
            )
        )


def store_photos(photos: Sequence[Upload]) -> list[dict[str, Any]]:
    """Verify and store uploads one at a time; if one is refused, the stored ones are removed.

    Each is read, decoded and released before the next, so five large photos never sit in memory
    together. Their sizes are made by a job each (RENDER), not in the upload request; until then
    the pages show a placeholder.
    """
    if len(photos) > MAX_PHOTOS:
        raise PhotoError(_("You can add at most %(max)d photos.", max=MAX_PHOTOS))
    stored: list[dict[str, Any]] = []
    for number, upload in enumerate(photos, start=1):
        try:
            stored.append(asdict(accept_upload(get_storage(), upload)))
        except ImageRejected as error:
            discard(p["key"] for p in stored)
            raise PhotoError(
                _("Photo %(number)d: %(reason)s", number=number, reason=error.message)
            ) from None
        except StorageUnavailable:  # the visitor gets the 503 page; nothing is left half-stored
            discard(p["key"] for p in stored)
            raise
    for photo in stored:
        enqueue(RENDER, key=photo["key"])
    return stored


RENDER = "media.render_photo"


@handler(RENDER)
def render_photo(key: str) -> None:
    """The job: make the sizes of an accepted photo (nothing to do if it was discarded)."""
    if not render_original(get_storage(), key):
        log.info("photo gone before its sizes were made", extra={"photo_key": key})


def set_photos(product: Product, photos: list[dict[str, Any]]) -> None:
    """Make the listing's photos exactly `photos`, in order, reusing the rows it already has."""
    rows = {photo.key: photo for photo in product.photos}
    ordered = []
    for position, p in enumerate(photos):
        row = rows.get(p["key"]) or ProductPhoto(key=p["key"], width=p["width"], height=p["height"])
        row.position = position
        ordered.append(row)
    product.photos = ordered  # rows left out are deleted (delete-orphan)


def release(keys: Iterable[str]) -> None:
    """Delete the files of photos that no listing and no pending revision shows any more.

    Call only after the change is committed, so a rolled-back change never loses a photo that
    customers or the review queue still show.
    """
    candidates = set(keys)
    if not candidates:
        return
    used = set(
        db.session.scalars(db.select(ProductPhoto.key).where(ProductPhoto.key.in_(candidates)))
    )
    pending = db.session.scalars(
        db.select(ProductRevision.photos).where(ProductRevision.status == RevisionStatus.PENDING)
    )
    used.update(p["key"] for photos in pending for p in photos or [])
    discard(candidates - used)


def discard(keys: Iterable[str]) -> None:
    """Remove stored files; a file that cannot be removed is logged, never an error for the user."""
    storage = get_storage()
    for key in keys:
        try:
            delete_image(storage, key)
        except OSError:
            log.warning("could not delete photo files", extra={"photo_key": key}, exc_info=True)
