"""The maker_dashboard blueprint, complete: importing each view module attaches its routes."""

from storefront.maker_dashboard import bp, earnings, home, listings, privacy  # noqa: F401  (routes)

__all__ = ["bp"]
