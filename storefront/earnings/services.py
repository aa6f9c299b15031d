"""Earnings ledger services (issue 6 fills these in). Signatures are the contract other areas call."""

from storefront.orders.models import Order


def record_sale(order: Order) -> None:
    """Post the sale of a just-paid order: per line, maker share and platform fee (no commit)."""
    # Filled in by the earnings work (issue 6).


def record_refund(order: Order, amount_idr: int, reference: str) -> None:
    """Post a refund of `amount_idr` of `order`, in proportion over its lines, once per reference
    (no commit)."""
    # Filled in by the earnings work (issue 6).
