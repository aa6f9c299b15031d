"""The words people see for order statuses, in one place (customer pages, admin pages, emails)."""

from typing import Any

from flask_babel import lazy_gettext as _l

from storefront.money import format_idr
from storefront.orders.models import OrderStatus, OrderStatusChange
from storefront.orders.notes import NoteKind

S = OrderStatus
K = NoteKind
STATUS_LABELS: dict[str, Any] = {
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


# How each note the shop writes is worded, in the reader's language (orders.notes).
_NOTES = {
    K.RESERVATION_EXPIRED: lambda p: _l("Reservation ended before payment"),
    K.CANCELLED_BY_ADMIN: lambda p: _l("Cancelled by an admin"),
    K.PAYMENT: lambda p: _l("Payment %(ref)s", ref=p["reference"]),
    K.PAYMENT_FAILED: lambda p: _l("Payment failed (%(ref)s)", ref=p["event"]),
    K.PAYMENT_CANCELLED: lambda p: _l("Payment cancelled (%(ref)s)", ref=p["event"]),
    K.PARTIAL_REFUND: lambda p: _l(
        "Partial refund of %(amount)s (%(ref)s)",
        amount=format_idr(int(p["amount_idr"])),
        ref=p["reference"],
    ),
    K.AUTOMATIC_REFUND: lambda p: _l("Refunded automatically (%(ref)s)", ref=p["reference"]),
    K.REFUNDED_BY_ADMIN: lambda p: _l("Refunded by an admin (%(ref)s)", ref=p["reference"]),
    K.REFUNDED: lambda p: _l("Refunded (%(ref)s)", ref=p["event"]),
}


def timeline_note(change: OrderStatusChange) -> str:
    """A timeline note in the reader's language; an admin's own words as she typed them."""
    note = change.note
    words = _NOTES.get(note.kind)
    if words is not None:
        return str(words(note.params))
    return str(note.params.get("text", "")) if note.kind == K.TEXT else ""


def delivery_address(order: Any) -> str:
    """The delivery address on one line; abroad, ending with the country in the reader's words."""
    from flask_babel import get_locale

    parts = [order.street, order.area, order.city, order.province, order.postal_code]
    if (order.country or "ID") != "ID":
        parts.append(get_locale().territories.get(order.country, order.country))
    return ", ".join(part for part in parts if part)
