"""Money received for an order that could not be fulfilled (paid after its stock was resold):
held on its own account, never anyone's earnings, and posted back when it is refunded."""

import logging

from storefront.earnings.models import Account, LedgerEntry, LedgerTransaction, TxKind
from storefront.earnings.services import _post, _posted, order_account_total
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


def held_refunded_idr(order: Order) -> int:
    """How much of the order's held money has been handed back so far (one SUM)."""
    handed_back = LedgerEntry.amount_idr < 0
    return -order_account_total(order, TxKind.HELD, Account.HELD_PAYMENTS, handed_back)


def release_held_payment(order: Order) -> bool:
    """Post the refund of what is still held back to the customer, once (no commit).

    Returns False if nothing was held, nothing is left or it was already handed back."""
    reference = f"held-refund:{order.id}"
    if _posted(reference) or not _posted(f"held:{order.id}"):
        return False
    return _release(order, order.total_idr - held_refunded_idr(order), reference)


def release_held_to_total(order: Order, refunded_total_idr: int, reference: str) -> bool:
    """A part of the held money went back (a refund made at the gateway): bring the posted held
    refunds up to the gateway's cumulative total, once per reference (no commit)."""
    tx_reference = f"held-refund:{order.id}:{reference}"
    if _posted(tx_reference) or not _posted(f"held:{order.id}"):
        return False
    delta = min(refunded_total_idr, order.total_idr) - held_refunded_idr(order)
    return _release(order, delta, tx_reference)


def _release(order: Order, amount_idr: int, reference: str) -> bool:
    if amount_idr <= 0:
        return False
    tx = LedgerTransaction(
        reference=reference, kind=TxKind.HELD, order_id=order.id, memo=order.number
    )
    tx.add(Account.CUSTOMER_PAYMENTS, amount_idr)
    tx.add(Account.HELD_PAYMENTS, -amount_idr)
    _post(tx)
    log.info("held payment refunded", extra={"order_id": order.id, "amount_idr": amount_idr})
    return True
