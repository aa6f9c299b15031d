"""Asking the gateway, the source of truth, what became of a payment whose notification may have
been lost: for every payment pending too long, and for an expired order before it is cancelled."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from storefront.orders import services as orders
from storefront.payments.gateway import Gateway, GatewayError, GatewayEvent, PaymentResult
from storefront.payments.webhooks import process_event

log = logging.getLogger(__name__)
# The gateway states that settle an order, as the event the gateway would have sent.
SETTLING_EVENTS = {
    "succeeded": "payment_intent.succeeded",
    "canceled": "payment_intent.canceled",
}


@dataclass
class Reconciled:
    checked: int = 0
    settled: int = 0
    unreachable: int = 0


def apply_state(state: PaymentResult, gateway: Gateway) -> bool:
    """Apply a settled state as if its notification had come: the same checks (mode, amount,
    currency, order) and the same once-only record, so the real notification arriving later,
    or another run, changes nothing. False if the state settles nothing yet."""
    kind = SETTLING_EVENTS.get(state.status)
    if kind is None:
        return False
    event = GatewayEvent(
        id=f"reconciled:{state.reference}:{state.status}",
        type=kind,
        reference=state.reference,
        order_id=state.order_id,
        amount_idr=state.amount_idr,
        currency=state.currency,
        livemode=state.livemode,
    )
    process_event(event, livemode=gateway.livemode)
    return True


def reconcile_payments(
    gateway: Gateway, now: datetime, *, pending_for: timedelta, limit: int = 200
) -> Reconciled:
    """Ask the gateway about every payment pending longer than `pending_for` and apply what it
    says; one it cannot reach is left for the next run. Commits per order."""
    result = Reconciled()
    for order in orders.pending_payments(now - pending_for, gateway.name, limit):
        reference = order.payment_reference or ""
        result.checked += 1
        try:
            state = gateway.retrieve_payment(reference)
        except GatewayError:
            log.warning("payment not reconciled", extra={"order_id": order.id}, exc_info=True)
            result.unreachable += 1
            continue
        result.settled += apply_state(state, gateway)
    return result
