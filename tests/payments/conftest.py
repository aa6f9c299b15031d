"""Stripe and Midtrans fixtures for the payments tests (tests/stripe_fixtures.py,
tests/midtrans_fixtures.py)."""

from tests.midtrans_fixtures import (  # noqa: F401
    _midtrans_server,
    fake_midtrans,
    hanging_api,
    midtrans_config,
    notify_client,
)
from tests.stripe_fixtures import (  # noqa: F401
    live_app,
    localstripe,
    stripe_config,
    stripe_site,
)
