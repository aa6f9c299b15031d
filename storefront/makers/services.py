"""Use cases on maker profiles: a new maker's account, privacy choices and the platform fee."""

import logging
from typing import Any

from flask_babel import gettext as _
from slugify import slugify

from storefront import audit
from storefront.auth.models import Role, User
from storefront.auth.phone import normalise_phone
from storefront.auth.services import check_unique, normalise_email
from storefront.database import utcnow
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.makers.models import Maker, MakerOldSlug, public_name_of

log = logging.getLogger(__name__)
PRIVACY_FIELDS = (
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
