"""A fake Midtrans Core API (a small WSGI app) built from the documented request and response
bodies (tests/payments/samples/): charge for qris, bank_transfer (bca, bni, bri, permata),
echannel (Mandiri), gopay and shopeepay; status; cancel; expire; refund. Plus a test-only trigger
that moves a transaction and sends correctly signed notifications to the shop, duplicated and
out of order on demand (`FakeMidtrans.trigger`, or POST /_test/trigger).

Midtrans answers HTTP 200 with the real outcome in the body's status_code, as documented."""

import hashlib
import json
import secrets
import threading
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import requests
from werkzeug.wrappers import Request, Response

SERVER_KEY = "SB-Mid-server-fake"
CLIENT_KEY = "SB-Mid-client-fake"
WIB = timezone(timedelta(hours=7))
REFUNDABLE = {"qris", "gopay", "shopeepay"}
STATUS_CODES = {
    "pending": "201",
    "settlement": "200",
    "capture": "200",
    "deny": "202",
    "cancel": "200",
    "expire": "407",
    "refund": "200",
    "partial_refund": "200",
}
MESSAGES = {
    "qris": "QRIS transaction is created",
    "bank_transfer": "Success, Bank Transfer transaction is created",
    "echannel": "OK, Mandiri Bill transaction is successful",
    "gopay": "GoPay transaction is created",
    "shopeepay": "ShopeePay transaction is created",
}


def sign(order_id: str, status_code: str, gross_amount: str, key: str = SERVER_KEY) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{key}".encode()).hexdigest()


def _now() -> str:
    return datetime.now(WIB).strftime("%Y-%m-%d %H:%M:%S")


class FakeMidtrans:
    def __init__(self) -> None:
        self.base_url = ""
        self.transactions: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, Any]] = []  # (method, path, body) as received
        self.idempotent: dict[str, dict[str, Any]] = {}
        self.refuse_refunds: set[str] = set()  # order ids whose refund the "issuer" refuses
        self.notification_url = ""
        self.deliver = None  # callable(body: bytes) -> status code, instead of notification_url
        self.lock = threading.Lock()

    # -- WSGI ------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        request = Request(environ)
        body = request.get_json(silent=True)
        self.requests.append((request.method, request.path, body))
        if request.path == "/_test/trigger":
            data = body or {}
            sent = self.trigger(
                data["order_id"],
                data["status"],
                times=int(data.get("times", 1)),
                then=data.get("then"),
            )
            return Response(json.dumps({"sent": sent}), mimetype="application/json")(
                environ, start_response
            )
        auth = request.authorization
        if auth is None or auth.username != SERVER_KEY:
            answer = {"status_code": "401", "status_message": "Unknown Merchant server_key/id"}
        else:
            with self.lock:
                answer = self._route(request, body)
        return Response(json.dumps(answer), mimetype="application/json")(environ, start_response)

    def _route(self, request: Request, body: Any) -> dict[str, Any]:
        parts = request.path.strip("/").split("/")
        if request.method == "POST" and parts == ["v2", "charge"]:
            key = request.headers.get("Idempotency-Key")
            if key and key in self.idempotent:
                return self.idempotent[key]
            answer = self._charge(body or {})
            if key:
                self.idempotent[key] = answer
            return answer
        if len(parts) == 3 and parts[0] == "v2":
            order_id, action = parts[1], parts[2]
            tx = self.transactions.get(order_id)
            if tx is None:
                return {"status_code": "404", "status_message": "Transaction doesn't exist."}
            if request.method == "GET" and action == "status":
                return self.status(order_id)
            if request.method == "POST" and action in ("cancel", "expire"):
                return self._stop(tx, action)
            if request.method == "POST" and action == "refund":
                return self._refund(tx, body or {})
        return {"status_code": "404", "status_message": "The requested resource is not found"}

    def _charge(self, body: dict[str, Any]) -> dict[str, Any]:
        details = body.get("transaction_details") or {}
        order_id, amount = details.get("order_id"), details.get("gross_amount")
        kind = body.get("payment_type")
        if not order_id or not isinstance(amount, int) or kind not in MESSAGES:
            return {"status_code": "400", "status_message": "One or more parameters are invalid."}
        if order_id in self.transactions:
            return {
                "status_code": "406",
                "status_message": "The request could not be completed due to a conflict with "
                "the current state of the target resource, please try again",
            }
        tx_id = str(uuid.uuid4())
        expiry = body.get("custom_expiry") or {}
        minutes = int(expiry.get("expiry_duration") or 15)
        tx: dict[str, Any] = {
            "status_code": "201",
            "status_message": MESSAGES[kind],
            "transaction_id": tx_id,
            "order_id": order_id,
            "merchant_id": "G000000001",
            "gross_amount": f"{amount}.00",
            "currency": "IDR",
            "payment_type": kind,
            "transaction_time": _now(),
            "transaction_status": "pending",
            "fraud_status": "accept",
            "expiry_time": (datetime.now(WIB) + timedelta(minutes=minutes)).strftime(
                "%Y-%m-%d %H:%M:%S"
            ),
        }
        if body.get("custom_field1"):
            tx["custom_field1"] = body["custom_field1"]
        base = self.base_url or "http://fake-midtrans"
        if kind == "qris":
            tx["acquirer"] = (body.get("qris") or {}).get("acquirer", "gopay")
            tx["qr_string"] = "00020101021226620014COM.GO-JEK.WWW0118" + secrets.token_hex(16)
            tx["actions"] = [
                {
                    "name": "generate-qr-code",
                    "method": "GET",
                    "url": f"{base}/v2/qris/{tx_id}/qr-code",
                }
            ]
        elif kind == "bank_transfer":
            bank = (body.get("bank_transfer") or {}).get("bank")
            number = "".join(secrets.choice("0123456789") for _ in range(16))
            if bank == "permata":
                tx["permata_va_number"] = number
            else:
                tx["va_numbers"] = [{"bank": bank, "va_number": number}]
        elif kind == "echannel":
            tx["bill_key"] = "".join(secrets.choice("0123456789") for _ in range(12))
            tx["biller_code"] = "70012"
        else:
            actions = [
                {
                    "name": "deeplink-redirect",
                    "method": "GET",
                    "url": f"{base}/{kind}/deeplink?id={tx_id}",
                }
            ]
            if kind == "gopay":
                actions = [
                    {
                        "name": "generate-qr-code",
                        "method": "GET",
                        "url": f"{base}/v2/gopay/{tx_id}/qr-code",
                    },
                    *actions,
                    {"name": "get-status", "method": "GET", "url": f"{base}/v2/{tx_id}/status"},
                    {"name": "cancel", "method": "POST", "url": f"{base}/v2/{tx_id}/cancel"},
                ]
            tx["actions"] = actions
        self.transactions[order_id] = tx
        return dict(tx)

    def status(self, order_id: str) -> dict[str, Any]:
        tx = dict(self.transactions[order_id])
        tx["status_code"] = STATUS_CODES[tx["transaction_status"]]
        tx["status_message"] = "Success, transaction is found"
        tx.pop("actions", None)
        tx.pop("qr_string", None)
        return tx

    def _stop(self, tx: dict[str, Any], action: str) -> dict[str, Any]:
        if tx["transaction_status"] not in ("pending", "authorize"):
            return {
                "status_code": "412",
                "status_message": "Merchant cannot modify the status of the transaction",
            }
        tx["transaction_status"] = "cancel" if action == "cancel" else "expire"
        answer = self.status(tx["order_id"])
        answer["status_message"] = (
            "Success, transaction is canceled"
            if action == "cancel"
            else "Success, transaction has expired"
        )
        return answer

    def _refund(self, tx: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        refunds = tx.setdefault("refunds", [])
        key = body.get("refund_key")
        for done in refunds:
            if key and done["refund_key"] == key:  # a retry: the same refund
                return self._refund_answer(tx, done)
        refusable = tx["payment_type"] not in REFUNDABLE or tx["order_id"] in self.refuse_refunds
        if refusable or tx["transaction_status"] not in ("settlement", "partial_refund"):
            return {
                "status_code": "412",
                "status_message": "Merchant cannot modify the status of the transaction",
            }
        gross = int(float(tx["gross_amount"]))
        already = sum(int(float(r["refund_amount"])) for r in refunds)
        amount = int(body.get("amount") or gross - already)
        if amount <= 0 or already + amount > gross:
            return {"status_code": "412", "status_message": "Refund amount is more than allowed"}
        done = {
            "refund_chargeback_id": len(refunds) + 1,
            "refund_amount": f"{amount}.00",
            "created_at": _now(),
            "reason": body.get("reason", ""),
            "refund_key": key or secrets.token_hex(8),
        }
        refunds.append(done)
        tx["transaction_status"] = "refund" if already + amount == gross else "partial_refund"
        return self._refund_answer(tx, done)

    def _refund_answer(self, tx: dict[str, Any], done: dict[str, Any]) -> dict[str, Any]:
        keys = ("transaction_id", "order_id", "gross_amount", "currency", "payment_type")
        return {
            "status_code": "200",
            "status_message": "Success, refund request is approved",
            **{k: tx[k] for k in keys},
            "transaction_time": tx["transaction_time"],
            "transaction_status": tx["transaction_status"],
            "refund_chargeback_id": done["refund_chargeback_id"],
            "refund_amount": done["refund_amount"],
            "refund_key": done["refund_key"],
        }

    # -- test-only -------------------------------------------------------------------------

    def set_status(self, order_id: str, status: str) -> None:
        with self.lock:
            tx = self.transactions[order_id]
            tx["transaction_status"] = status
            if status == "settlement":
                tx["settlement_time"] = _now()

    def notification(
        self, order_id: str, status: str | None = None, *, key: str = SERVER_KEY
    ) -> bytes:
        """A notification body as Midtrans sends it (for `status`, default the current one),
        signed with `key`."""
        tx = self.transactions[order_id]
        status = status or tx["transaction_status"]
        code = STATUS_CODES[status]
        body = {
            "transaction_time": tx["transaction_time"],
            "transaction_status": status,
            "transaction_id": tx["transaction_id"],
            "status_message": "midtrans payment notification",
            "status_code": code,
            "signature_key": sign(order_id, code, tx["gross_amount"], key),
            "payment_type": tx["payment_type"],
            "order_id": order_id,
            "merchant_id": tx["merchant_id"],
            "gross_amount": tx["gross_amount"],
            "fraud_status": "accept",
            "currency": "IDR",
        }
        if "va_numbers" in tx:
            body["va_numbers"] = tx["va_numbers"]
        if status == "settlement":
            body["settlement_time"] = tx.get("settlement_time", _now())
        return json.dumps(body).encode()

    def send(self, body: bytes) -> int:
        if self.deliver is not None:
            return int(self.deliver(body))
        response = requests.post(
            self.notification_url,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=30,
            allow_redirects=False,
        )
        return response.status_code

    def trigger(
        self,
        order_id: str,
        status: str,
        *,
        times: int = 1,
        then: str | None = None,
        notify: bool = True,
    ) -> list[int]:
        """Move the transaction to `status` and send its notification `times` times; `then`
        sends, after those, a late notification of an earlier state (out of order). With
        `notify` False the notification is lost. Returns the shop's answers."""
        self.set_status(order_id, status)
        if not notify:
            return []
        answers = [self.send(self.notification(order_id)) for _ in range(times)]
        if then:
            answers.append(self.send(self.notification(order_id, then)))
        return answers
