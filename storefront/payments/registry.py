"""Which gateways this app uses, chosen once from configuration. The primary one takes the orders:
Midtrans if keyed (QRIS, virtual accounts, e-wallets), else Stripe if keyed, else the test
gateway. Stripe, when keyed beside Midtrans, is offered too, for cards: methods per gateway."""

from flask import current_app

from storefront.payments.gateway import Gateway

EXTRA = "storefront.gateways.extra"


def _make(name: str) -> Gateway:
    config = current_app.config
    if name == "midtrans":
        from storefront.payments.midtrans_gateway import MidtransGateway

        return MidtransGateway.from_config(config)
    if name == "stripe":
        from storefront.payments.stripe_gateway import StripeGateway  # the SDK only if used

        return StripeGateway.from_config(config)
    from storefront.payments.test_gateway import TestGateway

    return TestGateway()


def _configured() -> list[str]:
    config = current_app.config
    names = [
        name
        for name, key in (("midtrans", "MIDTRANS_SERVER_KEY"), ("stripe", "STRIPE_SECRET_KEY"))
        if config.get(key)
    ]
    return names or ["test"]


def get_gateway() -> Gateway:
    """The app's primary gateway (created on first use and kept on the app)."""
    gateway = current_app.extensions.get("storefront.gateway")
    if gateway is None:
        gateway = _make(_configured()[0])
        current_app.extensions["storefront.gateway"] = gateway
        current_app.extensions.pop(EXTRA, None)
    return gateway


def gateways() -> list[Gateway]:
    """Every configured gateway, the primary first."""
    primary = get_gateway()
    extra = current_app.extensions.get(EXTRA)
    if extra is None:
        extra = [_make(name) for name in _configured() if name != primary.name]
        extra = [gateway for gateway in extra if gateway.name != "test"]
        current_app.extensions[EXTRA] = extra
    return [primary, *extra]


def gateway_named(name: str | None) -> Gateway | None:
    """The configured gateway called `name`, or None."""
    return next((gateway for gateway in gateways() if gateway.name == name), None)


def payment_methods() -> list[tuple[str, str]]:
    """(gateway name, method) for every method the pay page offers, the primary's first."""
    return [(gateway.name, method) for gateway in gateways() for method in gateway.methods]


def is_test_gateway() -> bool:
    return get_gateway().name == "test"


def holding(gateway_name: str | None, primary: Gateway) -> Gateway | None:
    """The configured gateway that holds a payment made at `gateway_name` (`primary` if it is
    that one), or None if no configured gateway has that name."""
    if gateway_name == primary.name:
        return primary
    if primary is not current_app.extensions.get("storefront.gateway"):
        return None  # a gateway handed in by the caller (a test double): only that one
    return gateway_named(gateway_name)
