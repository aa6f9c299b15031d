"""The admin blueprint, complete: importing each view module attaches its routes to `bp`."""

from storefront.admin import (  # noqa: F401  (each module attaches its routes)
    audit,
    bp,
    home,
    jobs,
    listings,
    maker_privacy,
    maker_visibility,
    makers_fee,
    orders,
    payment_events,
    payouts,
    reviews,
    stock_alerts,
    users,
)

__all__ = ["bp"]
