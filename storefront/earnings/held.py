"""Money received for an order that could not be fulfilled (paid after its stock was resold):
held on its own account, never anyone's earnings, and posted back when it is refunded."""

import logging

from storefront.earnings.models import Account, LedgerTransaction, TxKind
from storefront.earnings.services import _post, _posted
from storefront.orders.models import Order

log = logging.getLogger(__name__)


def record_held_payment(order: Order) -> bool:
    """Post money received for an order that needs review (no sale): held, not earned (no commit).

    Returns False if it was already posted."""
    reference = f"held:{order.id}"
    if _posted(reference):
        return False
    tx = LedgerTransaction(
        reference=reference, kind=TxKind.HELD, order_id=order.id, memo=order.number
    )
    tx.add(Account.CUSTOMER_PAYMENTS, -order.total_idr)
    tx.add(Account.HELD_PAYMENTS, order.total_idr)
    _post(tx)
    log.info("payment held for review", extra={"order_id": order.id})
    return True


def release_held_payment(order: Order) -> bool:
    """Post the refund of held money back to the customer, once (no commit).

    Returns False if nothing was held or it was already handed back."""
    reference = f"held-refund:{order.id}"
    if _posted(reference) or not _posted(f"held:{order.id}"):
        return False
    tx = LedgerTransaction(
        reference=reference, kind=TxKind.HELD, order_id=order.id, memo=order.number
    )
    tx.add(Account.CUSTOMER_PAYMENTS, order.total_idr)
    tx.add(Account.HELD_PAYMENTS, -order.total_idr)
    _post(tx)
    log.info("held payment refunded", extra={"order_id": order.id})
    return True
