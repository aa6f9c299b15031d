"""Imports each maker-area view module so its routes attach to the maker_dashboard blueprint."""

from storefront.maker_dashboard import earnings, home, listings, privacy  # noqa: F401
