"""The platform fee rule: the maker's override, else the configured default."""

from dataclasses import dataclass

from flask import current_app

from storefront.makers.models import Maker
from storefront.money import fee_split


def fee_bps_for(maker: Maker) -> int:
    """The fee in basis points that a sale of this maker's work pays the platform."""
    if maker.fee_bps is not None:
        return maker.fee_bps
    return int(current_app.config["PLATFORM_FEE_BPS"])


@dataclass(frozen=True)
class Breakdown:
    maker_idr: int
    fee_idr: int


def price_breakdown(price_idr: int, maker: Maker) -> Breakdown:
    """How a price splits between the maker and the shop, by the rule a sale will apply."""
    share, fee = fee_split(price_idr, fee_bps_for(maker))
    return Breakdown(maker_idr=share, fee_idr=fee)
