"""Use cases on maker profiles: a new maker's account, privacy choices and the platform fee."""

import logging
from typing import Any

from flask_babel import gettext as _
from slugify import slugify
from sqlalchemy import select

from storefront import audit
from storefront.auth.models import Role, User
from storefront.auth.phone import normalise_phone
from storefront.auth.services import check_unique, normalise_email
from storefront.database import utcnow
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.makers.models import Maker, MakerOldSlug, public_name_of
from storefront.media.images import ImageRejected, StoredImage, delete_image, store_upload
from storefront.media.storage import get_storage

log = logging.getLogger(__name__)
PRIVACY_FIELDS = (
    "accepts_requests",
    "uses_chosen_name",
    "chosen_name",
    "shows_portrait",
    "shows_sales_count",
    "shares_income",
)
MAX_FEE_BPS = 5000  # a fee above half the price would not be a programme for makers


def _audit(maker: Maker, action: str, actor_id: int, details: dict[str, Any]) -> None:
    audit.record(actor_id, action, "maker", maker.id, details=details)


def update_privacy(maker: Maker, choices: dict[str, Any], actor_id: int) -> None:
    """Save what the maker shows in public and to the sponsor; only the privacy fields change."""
    before = {name: getattr(maker, name) for name in PRIVACY_FIELDS}
    for name in PRIVACY_FIELDS:
        if name in choices:
            setattr(maker, name, choices[name])
    maker.chosen_name = (maker.chosen_name or "").strip() or None
    if not maker.chosen_name:
        maker.uses_chosen_name = False
    refresh_public_slug(maker)
    changed = {
        name: [before[name], getattr(maker, name)]
        for name in PRIVACY_FIELDS
        if before[name] != getattr(maker, name)
    }
    if changed:
        _audit(maker, "maker.privacy", actor_id, changed)
    db.session.commit()
    log.info("maker privacy updated", extra={"maker_id": maker.id, "actor_id": actor_id})


def set_fee(maker: Maker, fee_bps: int | None, actor_id: int) -> None:
    """Give the maker her own platform fee in basis points (None: the shop's default); audited.

    Only sales paid from now on use it: posted sales keep the fee they were posted with."""
    if fee_bps is not None and not 0 <= fee_bps <= MAX_FEE_BPS:
        raise DomainError(_("The fee must be from 0 to 50 percent."))
    if fee_bps != maker.fee_bps:
        _audit(maker, "maker.fee", actor_id, {"fee_bps": [maker.fee_bps, fee_bps]})
        maker.fee_bps = fee_bps
    db.session.commit()
    log.info("maker fee set", extra={"maker_id": maker.id, "fee_bps": fee_bps})


def set_shown_in_shop(maker: Maker, shown: bool, actor_id: int) -> None:
    """Show or hide a maker and all her listings in the public shop (e.g. she left the
    programme, or asked for a pause); nothing is deleted and it can be undone. Audited."""
    if maker.is_listed != shown:
        _audit(maker, "maker.shown" if shown else "maker.hidden", actor_id, {})
        maker.is_listed = shown
    db.session.commit()
    log.info("maker visibility set", extra={"maker_id": maker.id, "shown": shown})


def _slug_taken(slug: str, maker_id: int | None) -> bool:
    """Taken by another maker, now or as one of her old slugs (old links must keep working)."""
    current = db.session.scalar(db.select(Maker.id).where(Maker.slug == slug))
    old = db.session.scalar(db.select(MakerOldSlug.maker_id).where(MakerOldSlug.slug == slug))
    return any(owner is not None and owner != maker_id for owner in (current, old))


def _unique_slug(name: str, maker_id: int | None = None) -> str:
    base = slugify(name, max_length=70) or "maker"
    slug, n = base, 2
    while _slug_taken(slug, maker_id):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _fits_name(slug: str, name: str) -> bool:
    base = slugify(name, max_length=70) or "maker"
    suffix = slug.removeprefix(base + "-")
    return slug == base or (suffix != slug and suffix.isdigit())


def refresh_public_slug(maker: Maker) -> None:
    """Her URL is made from her PUBLIC name only (a slug from her legal name would publish her
    surname); when that name changes, the old slug is kept so old links answer with a 301."""
    if _fits_name(maker.slug, maker.public_name):
        return
    new_slug = _unique_slug(maker.public_name, maker.id)
    old = db.session.get(MakerOldSlug, maker.slug)
    if old is None:
        db.session.add(MakerOldSlug(slug=maker.slug, maker_id=maker.id))
    reclaimed = db.session.get(MakerOldSlug, new_slug)
    if reclaimed is not None:
        db.session.delete(reclaimed)
    maker.slug = new_slug


def create_maker(
    name: str,
    *,
    phone: str | None,
    email: str | None,
    neighbourhood: str = "",
    specialty: str = "",
    story: str = "",
    locale: str = "id",
) -> Maker:
    """A maker account without a password (she sets it from her invitation) and her profile."""
    email, phone_norm = normalise_email(email), normalise_phone(phone)
    if phone and phone_norm is None:
        raise DomainError(_("That phone number does not look like an Indonesian mobile number."))
    if not email and not phone_norm:
        raise DomainError(_("Please give a phone number or an email address."))
    check_unique(email, phone_norm)
    user = User(name=name.strip(), email=email, phone=phone_norm, role=Role.MAKER, locale=locale)
    maker = Maker(
        user=user,
        slug=_unique_slug(public_name_of(name.strip(), None, False)),
        full_name=name.strip(),
        neighbourhood=neighbourhood,
        specialty_id=specialty,
        story_id=story,
        joined_on=utcnow().date(),
    )
    db.session.add(maker)
    db.session.commit()
    return maker


class ProfileError(DomainError):
    """A portrait that is not a picture we take (shown next to the portrait field)."""


def store_portrait(upload: Any) -> StoredImage:
    try:
        return store_upload(get_storage(), upload)
    except ImageRejected as error:
        raise ProfileError(error.message) from None


def submit_profile(
    maker: Maker, story_id: str, story_en: str, portrait: Any | None, actor_id: int
) -> bool:
    """Her change of story (both languages) or portrait waits for review (commits); the public
    page keeps the current one until an admin approves. False if nothing changed."""
    story_id, story_en = story_id.strip(), story_en.strip()
    stored = store_portrait(portrait) if portrait is not None else None
    same_story = (story_id, story_en) == (maker.story_id, maker.story_en)
    if same_story and stored is None:
        return False
    old_pending = maker.pending_portrait_key
    maker.pending_story_id, maker.pending_story_en = story_id, story_en
    if stored is not None:
        maker.pending_portrait_key = stored.key
    maker.profile_submitted_at = utcnow()
    maker.profile_review_note = None
    _audit(maker, "maker.profile_submit", actor_id, {"portrait": stored is not None})
    db.session.commit()
    if stored is not None and old_pending:
        _delete_portrait(old_pending)  # an earlier, never approved portrait
    return True


def approve_profile(maker: Maker, admin_id: int) -> None:
    """Publish her waiting story and portrait (commits)."""
    if maker.profile_submitted_at is None:
        raise DomainError(_("Nothing is waiting for review."))
    old_portrait = None
    if maker.pending_story_id is not None:
        maker.story_id = maker.pending_story_id
        maker.story_en = maker.pending_story_en or ""
    if maker.pending_portrait_key:
        old_portrait, maker.portrait_key = maker.portrait_key, maker.pending_portrait_key
    _clear_pending(maker)
    _audit(maker, "maker.profile_approve", admin_id, {})
    db.session.commit()
    if old_portrait:
        _delete_portrait(old_portrait)


def reject_profile(maker: Maker, admin_id: int, reason: str) -> None:
    """Send her change back with a reason; the current story and portrait stay (commits)."""
    if maker.profile_submitted_at is None:
        raise DomainError(_("Nothing is waiting for review."))
    refused = maker.pending_portrait_key
    _clear_pending(maker)
    maker.profile_review_note = reason.strip()[:500]
    _audit(maker, "maker.profile_reject", admin_id, {"reason": maker.profile_review_note})
    db.session.commit()
    if refused:
        _delete_portrait(refused)


def update_profile_as_admin(
    maker: Maker, story_id: str, story_en: str, portrait: Any | None, admin_id: int
) -> None:
    """The admin's own edit is published at once (she is the reviewer); commits."""
    stored = store_portrait(portrait) if portrait is not None else None
    maker.story_id, maker.story_en = story_id.strip(), story_en.strip()
    old_portrait = None
    if stored is not None:
        old_portrait, maker.portrait_key = maker.portrait_key, stored.key
    _audit(maker, "maker.profile_edit", admin_id, {"portrait": stored is not None})
    db.session.commit()
    if old_portrait:
        _delete_portrait(old_portrait)


def _clear_pending(maker: Maker) -> None:
    maker.pending_story_id = maker.pending_story_en = maker.pending_portrait_key = None
    maker.profile_submitted_at = None


def _delete_portrait(key: str) -> None:
    try:
        delete_image(get_storage(), key)
    except OSError:
        log.warning("could not delete portrait files", extra={"key": key}, exc_info=True)


def pending_profiles() -> list[Maker]:
    return list(
        db.session.scalars(
            select(Maker)
            .where(Maker.profile_submitted_at.is_not(None))
            .order_by(Maker.profile_submitted_at)
        )
    )
