"""The small contract between the shop and a payment gateway (Stripe, or the test gateway)."""

from dataclasses import dataclass, field
from typing import Any, Protocol


class InvalidSignature(Exception):
    """A webhook whose signature does not verify (missing, forged, too old or too far ahead)."""


class GatewayError(Exception):
    """The gateway answered and refused the request: a definite failure (nothing was made)."""


class GatewayUnavailable(GatewayError):
    """The gateway could not be reached, timed out or failed on its side: the outcome is unknown,
    so retry with the same idempotency key and never act as if the payment failed."""


# A payment in one of these states may still take (or has taken) the customer's money.
UNSETTLED_STATES = frozenset({"processing", "requires_capture"})


@dataclass(frozen=True)
class PaymentRequest:
    order_id: int
    order_number: str
    amount_idr: int  # whole rupiah; the gateway converts to its own units
    email: str
    idempotency_key: str


@dataclass(frozen=True)
class PaymentResult:
    reference: str  # the gateway's id of the payment (a PaymentIntent id for Stripe)
    # "succeeded", "requires_action", "requires_payment_method", "processing" or "canceled"
    status: str
    client_secret: str | None = None
    error: str | None = None
    # As the gateway holds them (filled by retrieve_payment): checked against the order.
    amount_idr: int | None = None
    currency: str | None = None
    order_id: int | None = None  # from the payment's metadata
    livemode: bool = False


@dataclass(frozen=True)
class GatewayEvent:
    id: str  # unique per delivery source: replays carry the same id
    type: str  # e.g. "payment_intent.succeeded", "charge.refunded"
    reference: str | None  # the payment the event is about
    order_id: int | None  # from the payment's metadata
    amount_idr: int | None  # converted back to whole rupiah
    currency: str | None
    data: dict[str, Any] = field(default_factory=dict)
    livemode: bool = False  # a live-mode event reaching a test-mode shop (or back) is flagged


class Gateway(Protocol):
    name: str
    min_amount_idr: int  # the smallest charge it accepts, in whole rupiah; checkout refuses less
    livemode: bool  # real money (Stripe's sk_live_ keys) or test mode
    remote: bool  # answers over the network: page views never wait for it (payments.expiry)

    def create_payment(self, request: PaymentRequest) -> PaymentResult: ...
    def confirm_card(self, reference: str, payment_method: str) -> PaymentResult: ...
    def retrieve_payment(self, reference: str) -> PaymentResult: ...
    def cancel_payment(self, reference: str) -> PaymentResult: ...
    def refund(self, reference: str, amount_idr: int, idempotency_key: str) -> str: ...
    def parse_event(self, payload: bytes, signature_header: str | None) -> GatewayEvent: ...
