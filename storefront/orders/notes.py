"""What the shop writes on an order's timeline: a kind and its parameters, never a sentence.
orders.labels words each kind in the reader's language; an admin's own words are kept as typed."""

from dataclasses import dataclass, field
from enum import StrEnum

NoteParams = dict[str, str | int]


class NoteKind(StrEnum):
    NONE = "none"  # the status change says it all
    TEXT = "text"  # an admin's words, or old text migration 0012 did not recognise: text
    RESERVATION_EXPIRED = "reservation_expired"
    CANCELLED_BY_ADMIN = "cancelled_by_admin"
    PAYMENT = "payment"  # reference, event
    PAYMENT_FAILED = "payment_failed"  # reference, event
    PAYMENT_CANCELLED = "payment_cancelled"  # event
    PARTIAL_REFUND = "partial_refund"  # amount_idr, reference
    AUTOMATIC_REFUND = "automatic_refund"  # reference
    REFUNDED_BY_ADMIN = "refunded_by_admin"  # reference
    REFUNDED = "refunded"  # event (the gateway reported it)


@dataclass(frozen=True)
class Note:
    kind: NoteKind = NoteKind.NONE
    params: NoteParams = field(default_factory=dict)


NO_NOTE = Note()
RESERVATION_EXPIRED = Note(NoteKind.RESERVATION_EXPIRED)
CANCELLED_BY_ADMIN = Note(NoteKind.CANCELLED_BY_ADMIN)


def typed(text: str) -> Note:
    """An admin's own words (none if blank)."""
    text = text.strip()[:300]
    return Note(NoteKind.TEXT, {"text": text}) if text else NO_NOTE


def typed_or(text: str, default: Note) -> Note:
    """The admin's own words if she gave some, else the shop's note."""
    return typed(text) if text.strip() else default


def payment(reference: str, event_id: str) -> Note:
    return Note(NoteKind.PAYMENT, {"reference": reference, "event": event_id})


def payment_failed(reference: str | None, event_id: str) -> Note:
    return Note(NoteKind.PAYMENT_FAILED, {"reference": reference or "", "event": event_id})


def payment_cancelled(event_id: str) -> Note:
    return Note(NoteKind.PAYMENT_CANCELLED, {"event": event_id})


def partial_refund(amount_idr: int, reference: str) -> Note:
    return Note(NoteKind.PARTIAL_REFUND, {"amount_idr": amount_idr, "reference": reference})


def automatic_refund(refund_id: str) -> Note:
    return Note(NoteKind.AUTOMATIC_REFUND, {"reference": refund_id})


def refunded_by_admin(refund_id: str) -> Note:
    return Note(NoteKind.REFUNDED_BY_ADMIN, {"reference": refund_id})


def refunded(event_id: str) -> Note:
    return Note(NoteKind.REFUNDED, {"event": event_id})
