"""Stripe fixtures for the payments tests (defined in tests/stripe_fixtures.py)."""

from tests.stripe_fixtures import (  # noqa: F401
    live_app,
    localstripe,
    stripe_config,
    stripe_site,
)
