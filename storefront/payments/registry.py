"""Which gateway this app uses, chosen once from configuration: Stripe if keyed, else test."""

from flask import current_app

from storefront.payments.gateway import Gateway


def get_gateway() -> Gateway:
    """The app's gateway (created on first use and kept on the app)."""
    gateway = current_app.extensions.get("storefront.gateway")
    if gateway is None:
        if current_app.config.get("STRIPE_SECRET_KEY"):
            from storefront.payments.stripe_gateway import StripeGateway  # the SDK only if used

            gateway = StripeGateway.from_config(current_app.config)
        else:
            from storefront.payments.test_gateway import TestGateway

            gateway = TestGateway()
        current_app.extensions["storefront.gateway"] = gateway
    return gateway


def is_test_gateway() -> bool:
    return get_gateway().name == "test"
