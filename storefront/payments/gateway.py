"""The small contract between the shop and a payment gateway (Stripe, Midtrans, or the test
gateway). A third gateway is one new module implementing `Gateway` plus a line in registry.py.

Every call has a timeout of seconds and an idempotency key derived from the order; every failure
is one of this module's exceptions, so no caller catches `Exception` or asks which gateway it has.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol


class InvalidSignature(Exception):
    """A webhook whose signature does not verify (missing, forged, too old or too far ahead)."""


class GatewayError(Exception):
    """The gateway answered and refused the request: a definite failure (nothing was made)."""


class GatewayUnavailable(GatewayError):
    """The gateway could not be reached, timed out or failed on its side: the outcome is unknown,
    so retry with the same idempotency key and never act as if the payment failed."""


class RefundNotSupported(GatewayError):
    """The gateway cannot refund this payment's method through its API (a bank virtual account,
    an expired payment, QRIS from some issuers): refund it by bank transfer, recorded by hand."""


# The shop's own names for what a notification reports (a gateway maps its own onto these).
PAID = "paid"
FAILED = "failed"
EXPIRED = "expired"
REFUNDED = "refunded"  # amount_idr: the cumulative rupiah refunded so far

# What the buyer must do next, by kind.
ActionKind = Literal["redirect", "qr", "virtual_account", "deeplink", "card"]


@dataclass(frozen=True)
class NextAction:
    """What the buyer must do to pay: open a URL, scan a QR, pay into a virtual account, open an
    app, or enter a card (Stripe.js with the client secret); each with its deadline."""

    kind: ActionKind
    method: str = ""  # the shop's method name: "qris", "va_bca", "gopay", "card", ...
    redirect_url: str | None = None
    qr_string: str | None = None
    va_number: str | None = None
    bank: str | None = None
    biller_code: str | None = None  # Mandiri bill payment: the company code paid with va_number
    deeplink_url: str | None = None
    client_secret: str | None = None
    expires_at: datetime | None = None  # aware (UTC); never after the stock reservation


# A payment in one of these states may still take (or has taken) the customer's money.
UNSETTLED_STATES = frozenset({"processing", "requires_capture"})


@dataclass(frozen=True)
class PaymentRequest:
    order_id: int
    order_number: str
    amount_idr: int  # whole rupiah; the gateway converts to its own units
    email: str
    idempotency_key: str
    method: str = "card"  # one of the gateway's `methods`
    # The payment's deadline: the end of the stock reservation (the payment never outlives it).
    expires_at: datetime | None = None
    name: str = ""
    phone: str = ""
    return_url: str = ""  # where an e-wallet app sends the buyer back (the order page)


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
    action: NextAction | None = None  # what the buyer must do next (create_payment)


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
    # The payment methods it offers ("card", "qris", "va_bca", ...); default_method is the one a
    # payment is created with when the order is placed (None: the buyer chooses on the pay page).
    methods: tuple[str, ...]
    default_method: str | None

    def create_payment(self, request: PaymentRequest) -> PaymentResult: ...
    def confirm_card(self, reference: str, payment_method: str) -> PaymentResult: ...
    def retrieve_payment(self, reference: str) -> PaymentResult: ...
    def cancel_payment(self, reference: str) -> PaymentResult: ...
    # Raises RefundNotSupported when this payment cannot be refunded through the API.
    def refund(self, reference: str, amount_idr: int, idempotency_key: str) -> str: ...
    def parse_event(self, payload: bytes, signature_header: str | None) -> GatewayEvent: ...
