"""Photos kept across a listing form's errors: a maker on a slow phone never uploads them twice.

Uploads of a form that fails are verified and stored like any photo, and remembered under a
random stage token sent back in the form (and her maker id, so nobody else's token works). The
next save takes them with it; a stage left for a day is discarded when she next stages."""

import secrets
from collections.abc import Collection, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select

from storefront.database import utcnow
from storefront.extensions import db
from storefront.listings import photos as photo_list
from storefront.listings.models import StagedPhoto
from storefront.media.images import Upload

STALE_AFTER = timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def staged(maker_id: int, token: str | None) -> list[dict[str, Any]]:
    """The photos staged under `token` for this maker, oldest first."""
    if not token:
        return []
    rows = db.session.scalars(
        select(StagedPhoto)
        .where(StagedPhoto.token == token, StagedPhoto.maker_id == maker_id)
        .order_by(StagedPhoto.id)
    )
    return [row.as_dict() for row in rows]


def stage(
    maker_id: int, token: str, uploads: Sequence[Upload], *, already: int = 0
) -> list[dict[str, Any]]:
    """Verify and store `uploads` and stage them (commits); PhotoError if one is refused or if
    they and the `already` kept photos would be more than a listing holds."""
    _prune_stale(maker_id)
    if uploads:
        photo_list.check_count(already, len(uploads))
        for stored in photo_list.store_photos(uploads):
            db.session.add(StagedPhoto(token=token, maker_id=maker_id, **stored))
    db.session.commit()
    return staged(maker_id, token)


def drop(maker_id: int, token: str | None, keys: Collection[str]) -> None:
    """Unstage the photos she ticked to remove and delete their files (commits)."""
    if not token or not keys:
        return
    rows = db.session.scalars(
        select(StagedPhoto).where(
            StagedPhoto.token == token,
            StagedPhoto.maker_id == maker_id,
            StagedPhoto.key.in_(list(keys)),
        )
    ).all()
    gone = [row.key for row in rows]
    for row in rows:
        db.session.delete(row)
    db.session.commit()
    photo_list.release(gone)


def clear(maker_id: int, token: str | None) -> None:
    """The staged photos now belong to a listing: forget the stage (no commit, the save's)."""
    if token:
        db.session.execute(
            delete(StagedPhoto).where(StagedPhoto.token == token, StagedPhoto.maker_id == maker_id)
        )


def _prune_stale(maker_id: int) -> None:
    rows = db.session.scalars(
        select(StagedPhoto).where(
            StagedPhoto.maker_id == maker_id, StagedPhoto.created_at < utcnow() - STALE_AFTER
        )
    ).all()
    keys = [row.key for row in rows]
    for row in rows:
        db.session.delete(row)
    if keys:
        db.session.commit()
        photo_list.release(keys)
