"""TEST PAYMENT: no money moves. The gateway used when no Stripe keys are set; its page lets the
buyer choose success or failure, which then runs exactly the webhook code path."""

import json
import secrets

from storefront.payments.gateway import GatewayEvent, PaymentRequest, PaymentResult
from storefront.shop import CURRENCY


class TestGateway:
    """A stand-in gateway that keeps no state and never talks to anyone."""

    __test__ = False  # not a pytest test class
    name = "test"
    min_amount_idr = 10_000  # as Stripe's, so the minimum-order rule is seen before going live
    livemode = False
    remote = False  # answers in-process: a page view may ask it
    methods: tuple[str, ...] = ("test",)
    default_method: str | None = "test"

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        return PaymentResult(
            reference=f"test_{request.order_number}_{secrets.token_hex(4)}",
            status="requires_payment_method",
        )

    def confirm_card(self, reference: str, payment_method: str) -> PaymentResult:
        status = "requires_payment_method" if payment_method == "fail" else "succeeded"
        return PaymentResult(reference=reference, status=status)

    def retrieve_payment(self, reference: str) -> PaymentResult:
        """Never paid: the test page reports its outcome at once, so no notification is lost."""
        return PaymentResult(reference=reference, status="requires_payment_method")

    def cancel_payment(self, reference: str) -> PaymentResult:
        return PaymentResult(reference=reference, status="canceled")

    def refund(self, reference: str, amount_idr: int, idempotency_key: str) -> str:
        return f"test_refund_{idempotency_key}"

    def parse_event(self, payload: bytes, signature_header: str | None) -> GatewayEvent:
        """Events as JSON with GatewayEvent's fields (no signature: nothing real is at stake)."""
        data = json.loads(payload)
        return GatewayEvent(
            id=str(data["id"]),
            type=str(data["type"]),
            reference=data.get("reference"),
            order_id=data.get("order_id"),
            amount_idr=data.get("amount_idr"),
            currency=data.get("currency"),
            data=data.get("data") or {},
        )

    @staticmethod
    def event(kind: str, *, reference: str | None, order_id: int, amount_idr: int) -> GatewayEvent:
        """The event the real gateway would send for this outcome, with a fresh id."""
        return GatewayEvent(
            id=f"evt_test_{secrets.token_hex(8)}",
            type=kind,
            reference=reference,
            order_id=order_id,
            amount_idr=amount_idr,
            currency=CURRENCY,
        )
