"""The shop's timeline notes are a kind and parameters, worded in the reader's language when shown;
an admin's own note is shown as typed."""

import pytest
from flask_babel import force_locale

from storefront.orders import notes
from storefront.orders.labels import timeline_note
from storefront.orders.models import OrderStatusChange
from storefront.orders.notes import NoteKind


def _shown(note, locale):
    with force_locale(locale):
        return timeline_note(OrderStatusChange(from_status="paid", to_status="paid", note=note))


@pytest.mark.parametrize(
    ("note", "english", "indonesian"),
    [
        (notes.RESERVATION_EXPIRED, "Reservation ended before payment", "Masa simpan habis"),
        (notes.payment("pi_123", "evt_9"), "Payment pi_123", "Pembayaran pi_123"),
        (
            notes.partial_refund(50_000, "re_1"),
            "Partial refund of Rp50.000 (re_1)",
            "Sebagian uang dikembalikan: Rp50.000 (re_1)",
        ),
        (notes.refunded("evt_2"), "Refunded (evt_2)", "Uang dikembalikan (evt_2)"),
        (notes.automatic_refund("re_7"), "Refunded automatically (re_7)", "otomatis (re_7)"),
    ],
)
def test_shop_notes_are_translated(app, note, english, indonesian):
    with app.test_request_context():
        assert _shown(note, "en") == english
        assert indonesian in _shown(note, "id")


def test_an_admins_own_note_is_shown_as_typed(app):
    with app.test_request_context():
        note = notes.typed("customer phoned: wrong colour")
        assert _shown(note, "id") == "customer phoned: wrong colour"


def test_every_kind_the_shop_writes_has_words_in_both_languages(app):
    written = [
        notes.RESERVATION_EXPIRED,
        notes.CANCELLED_BY_ADMIN,
        notes.payment("pi_1", "evt_1"),
        notes.payment_failed(None, "evt_2"),
        notes.payment_cancelled("evt_3"),
        notes.partial_refund(1_000, "re_1"),
        notes.automatic_refund("re_2"),
        notes.refunded_by_admin("re_3"),
        notes.refunded("evt_4"),
    ]
    assert {n.kind for n in written} == set(NoteKind) - {NoteKind.NONE, NoteKind.TEXT}
    with app.test_request_context():
        for note in written:
            english, indonesian = _shown(note, "en"), _shown(note, "id")
            assert english and indonesian and english != indonesian, note.kind
