"""The shop's own timeline notes are shown in the reader's language; an admin's note as typed."""

import pytest
from flask_babel import force_locale

from storefront.orders.labels import timeline_note


@pytest.mark.parametrize(
    ("note", "english", "indonesian"),
    [
        ("reservation expired", "Reservation ended before payment", "Masa simpan habis"),
        ("payment pi_123 (evt_9)", "Payment pi_123", "Pembayaran pi_123"),
        (
            "partial refund of 50000 rupiah (re_1)",
            "Partial refund of Rp50.000 (re_1)",
            "Sebagian uang dikembalikan: Rp50.000 (re_1)",
        ),
        ("refunded (evt_2)", "Refunded (evt_2)", "Uang dikembalikan (evt_2)"),
        ("automatic refund re_7", "Refunded automatically (re_7)", "otomatis (re_7)"),
    ],
)
def test_shop_notes_are_translated(app, note, english, indonesian):
    with app.test_request_context(), force_locale("en"):
        assert timeline_note(note) == english
    with app.test_request_context(), force_locale("id"):
        assert indonesian in timeline_note(note)


def test_an_admins_own_note_is_shown_as_typed(app):
    with app.test_request_context(), force_locale("id"):
        assert timeline_note("customer phoned: wrong colour") == "customer phoned: wrong colour"
