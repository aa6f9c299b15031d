"""Earnings ledger services. The earnings helper replaces these with the real double-entry ledger."""

from storefront.orders.models import Order


def record_sale(order: Order) -> None:
    """Post the sale of a paid order to the ledger (same transaction as marking it paid; no commit)."""
    # Filled in by the earnings work (issue 6).
