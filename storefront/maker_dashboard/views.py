"""The maker blueprint, complete: importing each view module attaches its routes to `bp`."""

from storefront.maker_dashboard import bp, earnings, home, listings, privacy  # noqa: F401  (routes)

__all__ = ["bp"]
