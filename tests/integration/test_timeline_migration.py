"""Migration 0012 turns the English sentences stored on order timelines into note kinds and
parameters, which the pages then word in the reader's language; its downgrade writes them back."""

import html

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from storefront.extensions import db
from storefront.orders.models import OrderStatusChange
from storefront.orders.notes import NoteKind
from tests.factories import make_maker, make_sold_order, make_user

EN = {"Accept-Language": "en"}
# (stored sentence, kind, params, English words, Indonesian words)
OLD_ROWS = [
    ("reservation expired", "reservation_expired", {}, "Reservation ended before payment",
     "Masa simpan habis sebelum dibayar"),
    ("cancelled by admin", "cancelled_by_admin", {}, "Cancelled by an admin",
     "Dibatalkan oleh admin"),
    ("payment failed pi_f (evt_f)", "payment_failed", {"reference": "pi_f", "event": "evt_f"},
     "Payment failed (evt_f)", "Pembayaran gagal (evt_f)"),
    ("payment failed  (evt_g)", "payment_failed", {"reference": "", "event": "evt_g"},
     "Payment failed (evt_g)", "Pembayaran gagal (evt_g)"),
    ("payment cancelled (evt_c)", "payment_cancelled", {"event": "evt_c"},
     "Payment cancelled (evt_c)", "Pembayaran dibatalkan (evt_c)"),
    ("payment pi_p (evt_p)", "payment", {"reference": "pi_p", "event": "evt_p"},
     "Payment pi_p", "Pembayaran pi_p"),
    ("partial refund of 25000 rupiah (re_p)", "partial_refund",
     {"amount_idr": 25000, "reference": "re_p"}, "Partial refund of Rp25.000 (re_p)",
     "Sebagian uang dikembalikan: Rp25.000 (re_p)"),
    ("automatic refund re_a", "automatic_refund", {"reference": "re_a"},
     "Refunded automatically (re_a)", "otomatis (re_a)"),
    ("refunded by admin (re_b)", "refunded_by_admin", {"reference": "re_b"},
     "Refunded by an admin (re_b)", "Uang dikembalikan oleh admin (re_b)"),
    ("refunded (evt_r)", "refunded", {"event": "evt_r"}, "Refunded (evt_r)",
     "Uang dikembalikan (evt_r)"),
    ("customer phoned: wrong colour", "text", {"text": "customer phoned: wrong colour"},
     "customer phoned: wrong colour", "customer phoned: wrong colour"),
]  # fmt: skip


@pytest.fixture
def order_written_the_old_way(app):
    """An order whose timeline rows were written before 0012, as English sentences."""
    order = make_sold_order([(make_maker(), 100_000, 1)])
    order_id = order.id
    db.session.commit()
    db.session.remove()  # no transaction of ours may hold the table while it is altered
    downgrade(revision="0011")
    try:
        with db.engine.begin() as conn:
            for sentence in ["", *(row[0] for row in OLD_ROWS)]:
                conn.execute(
                    text(
                        "INSERT INTO order_status_change (order_id, from_status, to_status, note,"
                        " created_at) VALUES (:order_id, 'paid', 'paid', :note, CURRENT_TIMESTAMP)"
                    ),
                    {"order_id": order_id, "note": sentence},
                )
        upgrade(revision="heads")
        yield order_id
    finally:
        db.session.remove()
        upgrade(revision="heads")  # whatever happened, the next tests find the schema they expect


def _kinds(order_id):
    rows = db.session.scalars(
        db.select(OrderStatusChange)
        .where(OrderStatusChange.order_id == order_id)
        .order_by(OrderStatusChange.id)
    )
    return [(row.note_kind, row.note_params) for row in rows]


def test_old_sentences_become_kinds_with_their_parameters(order_written_the_old_way):
    expected = [("none", {})] + [(kind, params) for _, kind, params, *_ in OLD_ROWS]
    assert _kinds(order_written_the_old_way) == expected
    assert {kind for kind, _ in expected} == set(NoteKind)


def test_old_sentences_are_shown_in_the_readers_language(
    client, login_as, order_written_the_old_way
):
    login_as(make_user("admin"))
    url = f"/admin/orders/{order_written_the_old_way}"
    english = html.unescape(client.get(url, headers=EN).get_data(as_text=True))
    indonesian = html.unescape(client.get(url).get_data(as_text=True))
    for sentence, _, _, in_english, in_indonesian in OLD_ROWS:
        assert in_english in english, sentence
        assert in_indonesian in indonesian, sentence
    assert "partial refund of 25000 rupiah" not in english + indonesian


def test_the_downgrade_writes_the_sentences_back(order_written_the_old_way):
    db.session.remove()
    downgrade(revision="0011")
    with db.engine.connect() as conn:
        notes = conn.execute(
            text("SELECT note FROM order_status_change WHERE order_id = :id ORDER BY id"),
            {"id": order_written_the_old_way},
        ).scalars()
        assert list(notes) == ["", *(row[0] for row in OLD_ROWS)]
