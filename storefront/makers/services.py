"""Use cases on maker profiles: privacy choices and the platform fee she pays."""

import logging
from typing import Any

from flask_babel import gettext as _

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.listings.models import AuditEntry
from storefront.makers.models import Maker

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
    db.session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            target_type="maker",
            target_id=maker.id,
            details=details,
        )
    )


def update_privacy(maker: Maker, choices: dict[str, Any], actor_id: int) -> None:
    """Save what the maker shows in public and to the sponsor; only the privacy fields change."""
    before = {name: getattr(maker, name) for name in PRIVACY_FIELDS}
    for name in PRIVACY_FIELDS:
        if name in choices:
            setattr(maker, name, choices[name])
    maker.chosen_name = (maker.chosen_name or "").strip() or None
    if not maker.chosen_name:
        maker.uses_chosen_name = False
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
    if maker.is_active != shown:
        _audit(maker, "maker.shown" if shown else "maker.hidden", actor_id, {})
        maker.is_active = shown
    db.session.commit()
    log.info("maker visibility set", extra={"maker_id": maker.id, "shown": shown})
