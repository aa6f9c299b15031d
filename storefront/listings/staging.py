"""Photos kept across a listing form's errors: a maker on a slow phone never uploads them twice.

Uploads of a form that fails are verified and stored like any photo, and remembered under a
random stage token sent back in the form (and her maker id, so nobody else's token works). The
next save takes them with it. Each time the form comes back with an error its stage is renewed;
a stage whose form was not sent again for STAGED_PHOTO_HOURS is deleted with its files, by the
periodic task below (`flask scheduler`, `flask prune-staged-photos`) and when she next stages."""

import logging
import secrets
from collections.abc import Collection, Sequence
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update

from storefront.database import utcnow
from storefront.extensions import db
from storefront.jobs import task
from storefront.listings import photos as photo_list
from storefront.listings.models import StagedPhoto
from storefront.media.images import Upload

log = logging.getLogger(__name__)
PRUNE = "listings.prune_staged_photos"
BATCH = 500


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
    """Verify and store `uploads` and stage them with the photos already under `token`, whose
    stage this renews (commits); PhotoError if one is refused or if they and the `already` kept
    photos would be more than a listing holds."""
    db.session.execute(
        update(StagedPhoto)
        .where(StagedPhoto.token == token, StagedPhoto.maker_id == maker_id)
        .values(created_at=utcnow())  # her form is still being worked on: keep its photos
    )
    prune_stale(maker_id=maker_id)  # her other stages, left behind
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


def prune_stale(*, maker_id: int | None = None, limit: int = BATCH) -> int:
    """Delete up to `limit` photos staged by forms not sent again for STAGED_PHOTO_HOURS (only
    hers with `maker_id`), with their files; returns how many (commits).

    The files go first: if the storage does not answer, the rows stay for the next run; a file
    already gone is no error (a later run, or a crash between the two steps, finds none)."""
    hours = current_app.config["STAGED_PHOTO_HOURS"]
    query = select(StagedPhoto).where(StagedPhoto.created_at < utcnow() - timedelta(hours=hours))
    if maker_id is not None:
        query = query.where(StagedPhoto.maker_id == maker_id)
    rows = db.session.scalars(query.order_by(StagedPhoto.id).limit(limit)).all()
    if not rows:
        return 0
    photo_list.release(row.key for row in rows)  # never a file a listing or a review shows
    for row in rows:
        db.session.delete(row)
    db.session.commit()
    return len(rows)


@task(PRUNE)
def prune_stale_task() -> int:
    """Every hour: delete the photos of stages left behind, batch by batch."""
    total = 0
    while pruned := prune_stale():
        total += pruned
        if pruned < BATCH:
            break
    if total:
        log.info("deleted %d staged photo(s)", total)
    return total
