"""A payment succeeded: the order moves (orders), the money is posted (earnings) and the
messages are queued with it or, for a payment that came after its stock was resold, it is
refunded at once."""

from storefront.earnings import held
from storefront.earnings import services as earnings
from storefront.extensions import db
from storefront.orders import notify
from storefront.orders import services as orders
from storefront.orders.models import Order
from storefront.orders.services import PaidOutcome
from storefront.payments import refunds


def apply_paid(order: Order, reference: str, amount_idr: int, event_id: str) -> PaidOutcome:
    """The work of mark_paid without the commit (process_event commits it with its event row):
    a paid order's sale is posted, an unfulfillable one's money held, in the same transaction."""
    outcome = orders.apply_paid(order, reference, amount_idr, event_id)
    if outcome == PaidOutcome.PAID:
        earnings.record_sale(order)
        # The mails join this transaction (an outbox row each): they go once it commits.
        notify.order_paid(order)
    elif outcome == PaidOutcome.REVIEW:
        held.record_held_payment(order)
    return outcome


def finish_paid(order: Order, outcome: PaidOutcome) -> None:
    """After the commit: the refund for an order that needs review (a paid order's messages
    were written with it, by apply_paid)."""
    if outcome == PaidOutcome.REVIEW:
        refunds.refund_review_order(order)


def mark_paid(order: Order, reference: str, amount_idr: int, event_id: str) -> PaidOutcome:
    """THE one function that marks an order paid: consumes the reservation, records the sale,
    sends the messages. Calling it again changes nothing."""
    outcome = apply_paid(order, reference, amount_idr, event_id)
    db.session.commit()
    finish_paid(order, outcome)
    return outcome
