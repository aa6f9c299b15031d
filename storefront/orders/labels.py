"""The words people see for order statuses, in one place (customer pages, admin pages, emails)."""

from flask_babel import lazy_gettext as _l

from storefront.orders.models import OrderStatus

S = OrderStatus
STATUS_LABELS = {
    S.PENDING_PAYMENT: _l("Waiting for payment"),
    S.PAID: _l("Paid"),
    S.PACKED: _l("Packed"),
    S.SHIPPED: _l("Shipped"),
    S.DELIVERED: _l("Delivered"),
    S.READY_FOR_PICKUP: _l("Ready for pick-up"),
    S.PICKED_UP: _l("Picked up"),
    S.CANCELLED: _l("Cancelled"),
    S.NEEDS_REVIEW: _l("Being checked by our team"),
    S.REFUNDED: _l("Refunded"),
}


def order_status_label(status: str) -> str:
    """The translated word for `status` (the raw value if it is unknown)."""
    label = STATUS_LABELS.get(status)
    return str(label) if label is not None else status
