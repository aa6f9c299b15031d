"""Imports each admin view module so its routes attach to the admin blueprint."""

# One import per admin module, e.g.: from storefront.admin import users  # noqa: F401
