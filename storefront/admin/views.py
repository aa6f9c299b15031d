"""The admin blueprint, complete: importing each view module attaches its routes to `bp`."""

from storefront.admin import (  # noqa: F401  (each module attaches its routes)
    audit,
    bp,
    currencies,
    home,
    jobs,
    listings,
    made_to_order,
    maker_privacy,
    maker_profile,
    maker_visibility,
    makers_fee,
    orders,
    packing_slips,
    pages,
    payment_events,
    payouts,
    requests,
    reviews,
    stock_alerts,
    users,
    vouchers,
)

__all__ = ["bp"]
