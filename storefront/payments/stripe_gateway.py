"""Stripe behind the shop's Gateway contract: the only module that imports `stripe`."""

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

import stripe
from stripe.params import (
    PaymentIntentConfirmParams,
    PaymentIntentCreateParams,
    RefundCreateParams,
)

from storefront.money import to_gateway_units
from storefront.payments.gateway import (
    GatewayError,
    GatewayEvent,
    GatewayUnavailable,
    InvalidSignature,
    NextAction,
    PaymentRequest,
    PaymentResult,
)
from storefront.shop import CURRENCY

__all__ = ["GatewayError", "GatewayUnavailable", "StripeGateway"]

log = logging.getLogger(__name__)

# The events the shop acts on; register exactly these on the Stripe webhook endpoint.
HANDLED_EVENTS = (
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "charge.refunded",
)


# A signature's timestamp may be this many seconds old or ahead (clock skew), no more: an old one
# is a replay, one from the future was made to be replayed later. Stripe's SDK checks only the past.
SIGNATURE_TOLERANCE_SECONDS = 300
# Every call has a timeout inside the request budget: (1 + retries) x timeout at worst.
TIMEOUT_SECONDS = 5.0
NETWORK_RETRIES = 1
# Not reached, timed out, throttled or failed on Stripe's side: the outcome is unknown.
_UNAVAILABLE = (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError)


def gateway_error(error: stripe.StripeError) -> GatewayError:
    """Stripe's exception as the contract's: unknown outcome (unavailable) or a definite refusal."""
    if isinstance(error, _UNAVAILABLE) or (error.http_status or 0) >= 500:
        return GatewayUnavailable(str(error))
    return GatewayError(str(error))


def from_gateway_units(amount: int | None) -> int | None:
    """Stripe's two-decimal IDR back to whole rupiah; a fractional amount cannot match any order."""
    if amount is None:
        return None
    if amount % 100:
        return -abs(amount)  # never equal to a real total, so the event is flagged, not applied
    return amount // 100


class StripeGateway:
    name = "stripe"
    remote = True
    methods: tuple[str, ...] = ("card",)
    default_method: str | None = "card"
    # Stripe's minimum charge is about US$0.50 in the settlement currency (STRIPE.md): Rp10.000
    # leaves room for the exchange rate, so an order Stripe would refuse is never placed.
    min_amount_idr = 10_000

    def __init__(
        self,
        secret_key: str,
        webhook_secret: str,
        api_base: str | None = None,
        *,
        send_receipts: bool = True,
        timeout: float = TIMEOUT_SECONDS,
        retries: int = NETWORK_RETRIES,
        tolerance: int = SIGNATURE_TOLERANCE_SECONDS,
    ) -> None:
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses={"api": api_base.rstrip("/")} if api_base else None,
            max_network_retries=retries,
            http_client=stripe.RequestsClient(timeout=timeout),
        )
        self._webhook_secret = webhook_secret
        self._tolerance = tolerance
        # Live keys take real money; an event must come from the same mode as the key.
        self.livemode = secret_key.startswith(("sk_live_", "rk_live_"))
        # An emulator (STRIPE_API_BASE set) rejects the parameters it does not know, among them
        # receipt_email and use_stripe_sdk; real Stripe gets both.
        self._is_emulated = bool(api_base)
        self._send_receipts = send_receipts and not self._is_emulated

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "StripeGateway":
        return cls(
            config["STRIPE_SECRET_KEY"],
            config.get("STRIPE_WEBHOOK_SECRET") or "",
            config.get("STRIPE_API_BASE") or None,
            send_receipts=config.get("STRIPE_SEND_RECEIPTS", True),
            timeout=float(_setting(config, "STRIPE_TIMEOUT_SECONDS", TIMEOUT_SECONDS)),
            retries=int(_setting(config, "STRIPE_NETWORK_RETRIES", NETWORK_RETRIES)),
            tolerance=int(
                _setting(config, "STRIPE_WEBHOOK_TOLERANCE", SIGNATURE_TOLERANCE_SECONDS)
            ),
        )

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        """One PaymentIntent per order; a retried call with the same key returns the same one."""
        # The SDK's types name it allowed_payment_method_types; the API (and localstripe) still
        # take payment_method_types, which the shop has always sent.
        params: PaymentIntentCreateParams = {  # type: ignore[typeddict-unknown-key]
            "amount": to_gateway_units(request.amount_idr),
            "currency": CURRENCY,
            "payment_method_types": ["card"],
            "metadata": {"order_id": str(request.order_id), "order_number": request.order_number},
        }
        if self._send_receipts and request.email:
            params["receipt_email"] = request.email
        intent = self._call(
            self._client.v1.payment_intents.create,
            params=params,
            options={"idempotency_key": request.idempotency_key},
        )
        result = _result(intent)
        action = NextAction(kind="card", method="card", client_secret=result.client_secret)
        return dataclasses.replace(result, action=action)

    def confirm_card(self, reference: str, payment_method: str) -> PaymentResult:
        """Attach the card from Stripe.js and confirm on the server (finalize on the server)."""
        payment_method = self._usable_payment_method(payment_method)
        intents = self._client.v1.payment_intents
        # Two calls (attach, then confirm): the emulator cannot confirm with a payment method.
        self._call(intents.update, reference, params={"payment_method": payment_method})
        params: PaymentIntentConfirmParams = {} if self._is_emulated else {"use_stripe_sdk": True}
        try:
            intent = intents.confirm(reference, params=params)
        except stripe.CardError as error:
            log.info("card declined", extra={"reference": reference, "code": error.code})
            return PaymentResult(
                reference=reference,
                status="requires_payment_method",
                error=error.user_message or "card_declined",
            )
        except stripe.StripeError as error:
            raise gateway_error(error) from error
        return _result(intent)

    def retrieve_payment(self, reference: str) -> PaymentResult:
        """The PaymentIntent as Stripe holds it now (status, amount, currency, order, mode)."""
        return _result(self._call(self._client.v1.payment_intents.retrieve, reference))

    def cancel_payment(self, reference: str) -> PaymentResult:
        """Cancel a PaymentIntent that can still be cancelled; one already final (succeeded,
        processing, canceled) is left alone. Returns its state after the attempt."""
        try:
            return _result(self._client.v1.payment_intents.cancel(reference))
        except stripe.InvalidRequestError as error:
            log.info("payment not cancelled", extra={"reference": reference, "error": str(error)})
        except stripe.StripeError as error:
            raise gateway_error(error) from error
        return self.retrieve_payment(reference)

    def refund(self, reference: str, amount_idr: int, idempotency_key: str) -> str:
        params: RefundCreateParams = {
            "payment_intent": reference,
            "amount": to_gateway_units(amount_idr),
        }
        refund = self._call(
            self._client.v1.refunds.create,
            params=params,
            options={"idempotency_key": idempotency_key},
        )
        return refund.id

    def parse_event(self, payload: bytes, signature_header: str | None) -> GatewayEvent:
        """Check the signature on the raw body; missing, forged, too old or too far in the future:
        InvalidSignature."""
        if not signature_header or not self._webhook_secret:
            raise InvalidSignature("missing signature or secret")
        try:
            event = stripe.Webhook.construct_event(
                payload, signature_header, self._webhook_secret, tolerance=self._tolerance
            )
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise InvalidSignature(str(error)) from error
        skew = signature_timestamp(signature_header) - time.time()
        if abs(skew) > self._tolerance:  # the SDK has refused the past; the future is ours
            raise InvalidSignature(f"signature timestamp {skew:+.0f} s from now")
        return event_from_dict(event.to_dict())

    def _usable_payment_method(self, payment_method: str) -> str:
        # Real Stripe.js gives pm_...; the emulator's Stripe.js only makes tokens, whose card
        # (card_...) Stripe accepts wherever a PaymentMethod id is expected.
        if payment_method.startswith("tok_"):
            token = self._call(self._client.v1.tokens.retrieve, payment_method)
            if token.card is None:  # a bank-account token: not something the pay page sends
                raise GatewayError(f"token {payment_method} carries no card")
            return token.card.id
        return payment_method

    @staticmethod
    def _call[**P, R](method: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except stripe.StripeError as error:
            raise gateway_error(error) from error


def _setting(config: Mapping[str, Any], name: str, default: float) -> Any:
    value = config.get(name)
    return default if value in (None, "") else value


def signature_timestamp(header: str) -> int:
    """The one t= of a Stripe-Signature header (already verified). Stripe's SDK neither strips
    spaces nor refuses a second t= (it checks the last), so a header with either is refused:
    the time checked here is then always the time the SDK verified."""
    stamps = [
        value for key, _, value in (item.partition("=") for item in header.split(",")) if key == "t"
    ]
    if any(char.isspace() for char in header) or len(stamps) != 1 or not stamps[0].isdigit():
        raise InvalidSignature("the signature must have exactly one timestamp and no spaces")
    return int(stamps[0])


def _result(intent: stripe.PaymentIntent) -> PaymentResult:
    error = getattr(intent, "last_payment_error", None)
    metadata = getattr(intent, "metadata", None)
    order_id = metadata.to_dict().get("order_id") if metadata else None
    return PaymentResult(
        reference=intent.id,
        status=intent.status,
        client_secret=getattr(intent, "client_secret", None),
        error=(error.message if error else None),
        amount_idr=from_gateway_units(getattr(intent, "amount", None)),
        currency=(getattr(intent, "currency", None) or "").lower() or None,
        order_id=_int_or_none(order_id),
        livemode=bool(getattr(intent, "livemode", False)),
    )


def event_from_dict(event: dict[str, Any]) -> GatewayEvent:
    """Map a verified Stripe event (as a plain dict) to the shop's GatewayEvent."""
    obj = event.get("data", {}).get("object", {}) or {}
    kind = event.get("type", "")
    metadata = obj.get("metadata") or {}
    if kind.startswith("charge."):
        reference = obj.get("payment_intent")
        amount = obj.get("amount_refunded") if kind == "charge.refunded" else obj.get("amount")
    else:
        reference = obj.get("id") if obj.get("object") == "payment_intent" else None
        amount = obj.get("amount")
    error = obj.get("last_payment_error") or {}
    return GatewayEvent(
        id=event["id"],
        type=kind,
        reference=reference,
        order_id=_int_or_none(metadata.get("order_id")),
        amount_idr=from_gateway_units(amount),
        currency=(obj.get("currency") or "").lower() or None,
        livemode=event.get("livemode") is True,
        data={
            "object_id": obj.get("id"),
            "status": obj.get("status"),
            "amount_minor": amount,
            "failure_message": error.get("message"),
        },
    )


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
