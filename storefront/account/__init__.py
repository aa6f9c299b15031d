"""The signed-in customer's own pages (/account)."""

from storefront.account.views import bp

__all__ = ["bp"]
