"""Imports each maker-area view module so its routes attach to the maker blueprint."""

# One import per module, e.g.: from storefront.maker_dashboard import home  # noqa: F401
