"""Use cases on maker profiles."""

import logging

from storefront.extensions import db
from storefront.makers.models import Maker

log = logging.getLogger(__name__)
PRIVACY_FIELDS = (
    "uses_chosen_name",
    "chosen_name",
    "shows_portrait",
    "shows_sales_count",
    "shares_income",
)


def update_privacy(maker: Maker, choices: dict, actor_id: int) -> None:
    """Save what the maker shows in public and to the sponsor; only the privacy fields change."""
    for name in PRIVACY_FIELDS:
        if name in choices:
            setattr(maker, name, choices[name])
    maker.chosen_name = (maker.chosen_name or "").strip() or None
    if not maker.chosen_name:
        maker.uses_chosen_name = False
    db.session.commit()
    log.info("maker privacy updated", extra={"maker_id": maker.id, "actor_id": actor_id})
