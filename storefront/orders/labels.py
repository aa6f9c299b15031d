"""The words people see for order statuses, in one place (customer pages, admin pages, emails)."""

import re
from typing import Any

from flask_babel import lazy_gettext as _l

from storefront.money import format_idr
from storefront.orders.models import OrderStatus

S = OrderStatus
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


# Notes the shop writes itself on the timeline, stored in English with their references; shown
# in the reader's language. An admin's own note matches none of these and is shown as typed.
_NOTES = (
    (re.compile(r"reservation expired"), lambda m: _l("Reservation ended before payment")),
    (re.compile(r"cancelled by admin"), lambda m: _l("Cancelled by an admin")),
    (
        re.compile(r"payment failed (\S*) ?\((.+)\)"),
        lambda m: _l("Payment failed (%(ref)s)", ref=m[2]),
    ),
    (
        re.compile(r"payment cancelled \((.+)\)"),
        lambda m: _l("Payment cancelled (%(ref)s)", ref=m[1]),
    ),
    (re.compile(r"payment (\S+) \((.+)\)"), lambda m: _l("Payment %(ref)s", ref=m[1])),
    (
        re.compile(r"partial refund of (\d+) rupiah \((.+)\)"),
        lambda m: _l(
            "Partial refund of %(amount)s (%(ref)s)", amount=format_idr(int(m[1])), ref=m[2]
        ),
    ),
    (
        re.compile(r"automatic refund (\S+)"),
        lambda m: _l("Refunded automatically (%(ref)s)", ref=m[1]),
    ),
    (
        re.compile(r"refunded by admin \((.+)\)"),
        lambda m: _l("Refunded by an admin (%(ref)s)", ref=m[1]),
    ),
    (re.compile(r"refunded \((.+)\)"), lambda m: _l("Refunded (%(ref)s)", ref=m[1])),
)


def timeline_note(note: str) -> str:
    """A timeline note in the reader's language when the shop wrote it; else as it was typed."""
    for pattern, words in _NOTES:
        match = pattern.fullmatch(note or "")
        if match:
            return str(words(match))
    return note
