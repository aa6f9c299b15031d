"""Stripe's failures reach callers only as the contract's exceptions: unknown outcome
(GatewayUnavailable: not reached, timed out, failed on Stripe's side) or a definite refusal
(GatewayError); every call gives up within its timeout."""

import socket
import time

import pytest
import stripe

from storefront.payments.gateway import GatewayError, GatewayUnavailable
from storefront.payments.stripe_gateway import StripeGateway, gateway_error


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (stripe.APIConnectionError("reset by peer"), True),
        (stripe.RateLimitError("slow down", http_status=429), True),
        (stripe.APIError("oops", http_status=500), True),
        (stripe.InvalidRequestError("no such intent", param="id", http_status=404), False),
        (stripe.CardError("declined", param=None, code="card_declined", http_status=402), False),
        (stripe.AuthenticationError("bad key", http_status=401), False),
        (stripe.IdempotencyError("key reused", http_status=400), False),
    ],
)
def test_stripe_errors_map_to_the_contract(error, unavailable):
    mapped = gateway_error(error)
    assert isinstance(mapped, GatewayError)
    assert isinstance(mapped, GatewayUnavailable) is unavailable


def test_a_stripe_that_never_answers_times_out_as_unavailable():
    with socket.socket() as server:  # accepts connections, never answers
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        gateway = StripeGateway(
            "sk_test_x", "whsec_x", f"http://127.0.0.1:{port}", timeout=0.5, retries=0
        )
        started = time.monotonic()
        with pytest.raises(GatewayUnavailable):
            gateway.retrieve_payment("pi_123")
        assert time.monotonic() - started < 5


def test_the_key_decides_the_mode():
    assert StripeGateway("sk_live_x", "whsec_x").livemode is True
    assert StripeGateway("sk_test_x", "whsec_x").livemode is False
