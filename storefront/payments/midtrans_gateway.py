"""Midtrans (Core API) behind the shop's Gateway contract: QRIS, bank virtual accounts (BCA, BNI,
BRI, Mandiri bill payment, Permata) and the GoPay and ShopeePay e-wallets.

The REST API is called with `requests` and an explicit timeout (the midtransclient SDK passes
none). Notifications are checked as Midtrans documents: signature_key = SHA512(order_id +
status_code + gross_amount + server key), gross_amount hashed exactly as received; then the
state is confirmed with a status call, and that answer (not the notification) becomes the event.
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

import requests

from storefront.database import as_utc
from storefront.payments.gateway import (
    EXPIRED,
    FAILED,
    PAID,
    REFUNDED,
    GatewayError,
    GatewayEvent,
    GatewayUnavailable,
    InvalidSignature,
    NextAction,
    PaymentRequest,
    PaymentResult,
    RefundNotSupported,
)
from storefront.shop import CURRENCY

log = logging.getLogger(__name__)

SANDBOX_API = "https://api.sandbox.midtrans.com"
PRODUCTION_API = "https://api.midtrans.com"
TIMEOUT_SECONDS = 5.0
WIB = timezone(timedelta(hours=7))
# The payment's deadline ends this long before the stock reservation: a payment can never land
# after its items went back on sale, except by a clock far off (the needs-review path then).
EXPIRY_MARGIN = timedelta(minutes=1)

# Body status codes that describe a transaction's state, not a failed request.
STATE_CODES = frozenset({201, 202, 407})
BANKS = ("bca", "bni", "bri", "mandiri", "permata")
METHODS = ("qris", *(f"va_{bank}" for bank in BANKS), "gopay", "shopeepay")
# Methods whose money Midtrans cannot give back through its refund API.
NOT_REFUNDABLE_TYPES = frozenset({"bank_transfer", "echannel"})

# Midtrans transaction_status -> the contract's PaymentResult.status vocabulary.
_STATES = {
    "settlement": "succeeded",
    "pending": "requires_action",
    "authorize": "requires_capture",
    "deny": "requires_payment_method",
    "failure": "requires_payment_method",
    "cancel": "canceled",
    "expire": "canceled",
    "refund": "succeeded",
    "partial_refund": "succeeded",
}
# Midtrans transaction_status -> the shop's event names; "pending" changes nothing.
_EVENTS = {
    "settlement": PAID,
    "deny": FAILED,
    "failure": FAILED,
    "cancel": EXPIRED,
    "expire": EXPIRED,
    "refund": REFUNDED,
    "partial_refund": REFUNDED,
}


def signature_key(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    """Midtrans's notification signature, as hex."""
    text = f"{order_id}{status_code}{gross_amount}{server_key}"
    return hashlib.sha512(text.encode()).hexdigest()


def parse_amount(value: Any) -> int | None:
    """Midtrans's "150000.00" as whole rupiah; a fraction cannot match any order (negative)."""
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return -1
    if amount != amount.to_integral_value():
        return -abs(int(amount))
    return int(amount)


class MidtransGateway:
    name = "midtrans"
    remote = True
    methods = METHODS
    default_method: str | None = None  # the buyer chooses on the pay page
    min_amount_idr = 10_000  # as Stripe's, so one minimum applies whichever the buyer picks

    def __init__(
        self,
        server_key: str,
        *,
        production: bool = False,
        api_base: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self._server_key = server_key
        self._base = (api_base or (PRODUCTION_API if production else SANDBOX_API)).rstrip("/")
        self._timeout = timeout
        self.livemode = production

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "MidtransGateway":
        timeout = config.get("MIDTRANS_TIMEOUT_SECONDS")
        return cls(
            config["MIDTRANS_SERVER_KEY"],
            production=bool(config.get("MIDTRANS_PRODUCTION")),
            api_base=config.get("MIDTRANS_API_BASE") or None,
            timeout=float(timeout) if timeout not in (None, "") else TIMEOUT_SECONDS,
        )

    # -- the contract ----------------------------------------------------------------------

    def create_payment(self, request: PaymentRequest) -> PaymentResult:
        """Charge one Midtrans transaction for the order with the chosen method; the reference
        is Midtrans's order_id (the order number and attempt), unique per charge."""
        if request.method not in METHODS:
            raise GatewayError(f"unknown payment method {request.method!r}")
        reference = f"{request.order_number}-{request.idempotency_key.rsplit('-', 1)[-1]}"
        body: dict[str, Any] = {
            "transaction_details": {"order_id": reference, "gross_amount": request.amount_idr},
            "customer_details": {
                "first_name": request.name[:255],
                "email": request.email,
                "phone": request.phone,
            },
            "custom_field1": str(request.order_id),
            **_method_body(request),
        }
        expiry = _custom_expiry(request.expires_at)
        if expiry is not None:
            body["custom_expiry"] = expiry
        answer = self._call("POST", "/v2/charge", body, idempotency_key=request.idempotency_key)
        return self._result(answer, action=_action(request, answer))

    def confirm_card(self, reference: str, payment_method: str) -> PaymentResult:
        raise GatewayError("cards are paid through Stripe, not Midtrans")

    def retrieve_payment(self, reference: str) -> PaymentResult:
        return self._result(self._status(reference))

    def cancel_payment(self, reference: str) -> PaymentResult:
        """Stop a payment that is still open (expire for a pending one, as Midtrans documents);
        one already final is left alone. Returns its state after the attempt."""
        state = self._status(reference)
        status = state.get("transaction_status")
        if status in ("pending", "authorize"):
            path = "expire" if status == "pending" else "cancel"
            try:
                self._call("POST", f"/v2/{reference}/{path}", None, ok=STATE_CODES)
            except GatewayUnavailable:
                raise
            except GatewayError as error:  # settled meanwhile: what is it now?
                log.info("payment not cancelled", extra={"reference": reference, "error": error})
            state = self._status(reference)
        return self._result(state)

    def refund(self, reference: str, amount_idr: int, idempotency_key: str) -> str:
        """Refund through the API where the method allows it (QRIS, GoPay, ShopeePay); a bank
        virtual account, or a payment that never settled, raises RefundNotSupported."""
        state = self._status(reference)
        if state.get("payment_type") in NOT_REFUNDABLE_TYPES:
            raise RefundNotSupported(f"{state.get('payment_type')} cannot be refunded by API")
        if state.get("transaction_status") not in ("settlement", "partial_refund"):
            raise RefundNotSupported(f"a {state.get('transaction_status')} payment")
        body = {"refund_key": idempotency_key[:100], "amount": amount_idr, "reason": "refund"}
        try:
            answer = self._call("POST", f"/v2/{reference}/refund", body)
        except GatewayUnavailable:
            raise
        except GatewayError as error:
            if "412" in str(error) or "not supported" in str(error).lower():
                raise RefundNotSupported(str(error)) from error
            raise
        return str(
            answer.get("refund_key") or answer.get("refund_chargeback_id") or body["refund_key"]
        )

    def parse_event(self, payload: bytes, signature_header: str | None) -> GatewayEvent:
        """Verify the notification's signature_key (constant time), then ask Midtrans the
        transaction's state: the event is what the status call says, so a late or replayed
        notification maps to the event already recorded. Forged: InvalidSignature."""
        notice = self.verify_notification(payload)
        return self.event_from_status(self._status(notice["order_id"]))

    # -- notifications ---------------------------------------------------------------------

    def verify_notification(self, payload: bytes) -> dict[str, Any]:
        try:
            notice = json.loads(payload)
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidSignature("not JSON") from error
        if not isinstance(notice, dict):
            raise InvalidSignature("not a JSON object")
        fields = [notice.get(name) for name in ("order_id", "status_code", "gross_amount")]
        given = notice.get("signature_key")
        if not all(isinstance(value, str) and value for value in [*fields, given]):
            raise InvalidSignature("missing fields")
        order_id, status_code, gross_amount = (str(value) for value in fields)
        # gross_amount exactly as received ("150000.00"): formatting a number gives another hash
        expected = signature_key(order_id, status_code, gross_amount, self._server_key)
        if not hmac.compare_digest(expected, str(given)):
            raise InvalidSignature("signature_key does not verify")
        return notice

    def event_from_status(self, state: Mapping[str, Any]) -> GatewayEvent:
        status = str(state.get("transaction_status") or "")
        kind = _EVENTS.get(status, f"midtrans.{status or 'unknown'}")
        if status == "capture":  # cards (not offered here): paid only once fraud review accepts
            kind = PAID if state.get("fraud_status") == "accept" else "midtrans.capture"
        amount = parse_amount(state.get("gross_amount"))
        event_id = f"midtrans:{state.get('transaction_id')}:{status}"
        if kind == REFUNDED:
            amount = refunded_total(state)
            event_id += f":{amount}"
        return GatewayEvent(
            id=event_id,
            type=kind,
            reference=str(state.get("order_id") or "") or None,
            order_id=None,  # found by its reference (Midtrans's order_id)
            amount_idr=amount,
            currency=(str(state.get("currency") or "")).lower() or None,
            livemode=self.livemode,
            data={
                "transaction_id": state.get("transaction_id"),
                "status": status,
                "payment_type": state.get("payment_type"),
            },
        )

    # -- HTTP ------------------------------------------------------------------------------

    def _status(self, reference: str) -> dict[str, Any]:
        # The body's status_code follows the transaction: 201 pending, 202 denied, 407 expired.
        return self._call("GET", f"/v2/{reference}/status", None, ok=STATE_CODES)

    def _call(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        idempotency_key: str | None = None,
        ok: frozenset[int] = frozenset(),
    ) -> dict[str, Any]:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key[:36]
        try:
            response = requests.request(
                method,
                self._base + path,
                json=body,
                headers=headers,
                auth=(self._server_key, ""),
                timeout=(self._timeout, self._timeout),
            )
        except requests.RequestException as error:  # not reached or timed out: outcome unknown
            raise GatewayUnavailable(f"midtrans {method} {path}: {error}") from error
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        # Midtrans often answers HTTP 200 with the real outcome in the body's status_code.
        try:
            code = int(answer.get("status_code") or response.status_code)
        except ValueError:
            code = response.status_code
        if response.status_code >= 500 or code >= 500:
            raise GatewayUnavailable(f"midtrans {path}: {code} {answer.get('status_message')}")
        if (code >= 300 and code not in ok) or response.status_code >= 300:
            raise GatewayError(f"midtrans {path}: {code} {answer.get('status_message')}")
        return answer

    def _result(self, state: Mapping[str, Any], action: NextAction | None = None) -> PaymentResult:
        status = str(state.get("transaction_status") or "")
        mapped = _STATES.get(status, "processing")
        if status == "capture":
            mapped = "succeeded" if state.get("fraud_status") == "accept" else "processing"
        return PaymentResult(
            reference=str(state.get("order_id") or ""),
            status=mapped,
            error=str(state.get("status_message") or "")
            if mapped.startswith("requires_p")
            else None,
            amount_idr=parse_amount(state.get("gross_amount")),
            currency=(str(state.get("currency") or CURRENCY)).lower(),
            order_id=_int_or_none(state.get("custom_field1")),
            livemode=self.livemode,
            action=action,
        )


def refunded_total(state: Mapping[str, Any]) -> int:
    """The cumulative rupiah refunded: the sum of the transaction's refunds."""
    refunds = state.get("refunds")
    if isinstance(refunds, list) and refunds:
        return sum(parse_amount(item.get("refund_amount")) or 0 for item in refunds)
    return parse_amount(state.get("refund_amount")) or 0


def _method_body(request: PaymentRequest) -> dict[str, Any]:
    method = request.method
    if method == "qris":
        return {"payment_type": "qris", "qris": {"acquirer": "gopay"}}
    if method == "va_mandiri":
        return {
            "payment_type": "echannel",
            "echannel": {"bill_info1": "Order", "bill_info2": request.order_number},
        }
    if method.startswith("va_"):
        return {"payment_type": "bank_transfer", "bank_transfer": {"bank": method[3:]}}
    if method == "gopay":
        return {
            "payment_type": "gopay",
            "gopay": {"enable_callback": True, "callback_url": request.return_url},
        }
    return {"payment_type": "shopeepay", "shopeepay": {"callback_url": request.return_url}}


def _custom_expiry(expires_at: datetime | None) -> dict[str, Any] | None:
    """The payment's deadline, a minute before the reservation ends (whole minutes, at least
    one): Midtrans never takes the money for items that went back on sale."""
    if expires_at is None:
        return None
    now = datetime.now(UTC)
    minutes = int((as_utc(expires_at) - EXPIRY_MARGIN - now).total_seconds() // 60)
    if minutes < 1:
        raise GatewayError("the reservation ends too soon to take a payment")
    return {
        "order_time": now.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S +0700"),
        "expiry_duration": minutes,
        "unit": "minute",
    }


def _deadline(answer: Mapping[str, Any], request: PaymentRequest) -> datetime | None:
    """expiry_time as Midtrans writes it (WIB), else the deadline we asked for."""
    text = answer.get("expiry_time")
    if isinstance(text, str):
        try:
            return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=WIB).astimezone(UTC)
        except ValueError:
            pass
    if request.expires_at is None:
        return None
    return as_utc(request.expires_at) - EXPIRY_MARGIN


def _action_url(answer: Mapping[str, Any], name: str) -> str | None:
    for action in answer.get("actions") or []:
        if isinstance(action, dict) and action.get("name") == name:
            return str(action.get("url") or "") or None
    return None


def _action(request: PaymentRequest, answer: Mapping[str, Any]) -> NextAction:
    method, deadline = request.method, _deadline(answer, request)
    if method == "qris":
        return NextAction(
            kind="qr",
            method=method,
            qr_string=str(answer.get("qr_string") or ""),
            redirect_url=_action_url(answer, "generate-qr-code"),
            expires_at=deadline,
        )
    if method.startswith("va_"):
        bank = method[3:]
        if bank == "mandiri":
            number, biller = answer.get("bill_key"), answer.get("biller_code")
        elif bank == "permata" and answer.get("permata_va_number"):
            number, biller = answer.get("permata_va_number"), None
        else:
            numbers = [v for v in answer.get("va_numbers") or [] if isinstance(v, dict)]
            number = next((v.get("va_number") for v in numbers if v.get("bank") == bank), None)
            biller = None
        return NextAction(
            kind="virtual_account",
            method=method,
            va_number=str(number or ""),
            bank=bank,
            biller_code=str(biller) if biller else None,
            expires_at=deadline,
        )
    return NextAction(
        kind="deeplink",
        method=method,
        deeplink_url=_action_url(answer, "deeplink-redirect"),
        qr_string=None,
        redirect_url=_action_url(answer, "generate-qr-code"),
        expires_at=deadline,
    )


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
