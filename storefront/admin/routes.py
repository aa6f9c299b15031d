"""Imports each admin view module so its routes attach to the admin blueprint."""

from storefront.admin import home  # noqa: F401
