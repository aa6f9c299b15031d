"""Imports each admin view module so its routes attach to the admin blueprint."""

from storefront.admin import (  # noqa: F401
    audit,
    home,
    listings,
    maker_privacy,
    maker_visibility,
    makers_fee,
    orders,
    payment_events,
    payouts,
    users,
)
