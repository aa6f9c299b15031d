"""The maker_dashboard blueprint, complete: importing each view module attaches its routes."""

from storefront.maker_dashboard import (  # noqa: F401  (routes)
    bp,
    earnings,
    home,
    listings,
    privacy,
    reviews,
)

__all__ = ["bp"]
