"""Every status change of an order leaves a status-history row (orders.services.claim_status is
the one way a status changes), and every row carries a note kind the pages can word."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders.labels import timeline_note
from storefront.orders.models import Order, OrderStatus, OrderStatusChange
from storefront.orders.notes import NoteKind
from storefront.payments import expiry, webhooks
from storefront.payments.registry import get_gateway
from tests.conftest import login
from tests.factories import cart_add, checkout_post, latest_order, make_product, make_user

S = OrderStatus


@pytest.fixture
def admin(app):
    admin_client = app.test_client()
    login(admin_client, make_user("admin"))
    return admin_client


def _place(client, product=None, **form):
    cart_add(client, product or make_product(stock=5, price_idr=100_000))
    checkout_post(client, **form)
    return latest_order()


def _pay(client, order, outcome="success"):
    client.post(f"/pay/{order.token}/test", data={"outcome": outcome})


def _event(order, kind, amount_idr=None):
    webhooks.process_event(
        get_gateway().event(
            kind,
            reference=order.payment_reference,
            order_id=order.id,
            amount_idr=order.total_idr if amount_idr is None else amount_idr,
        )
    )


def _expire(order):
    order.reserved_until = utcnow()
    db.session.commit()
    expiry.release_expired(utcnow())


def shipped_and_refunded(client, admin, app):
    order = _place(client)
    _pay(client, order, "failure")
    _pay(client, order)
    admin.post(f"/admin/orders/{order.id}/steps/pack")
    admin.post(
        f"/admin/orders/{order.id}/steps/ship", data={"courier": "JNE", "tracking_number": "JN1"}
    )
    admin.post(f"/admin/orders/{order.id}/steps/deliver")
    admin.post(f"/admin/orders/{order.id}/refund", data={"confirmed": "1", "amount": "10.000"})
    admin.post(
        f"/admin/orders/{order.id}/refund",
        data={"confirmed": "1", "amount": str(order.total_idr - 10_000)},
    )
    return order, S.REFUNDED


def picked_up_and_refunded_at_the_gateway(client, admin, app):
    order = _place(client, delivery="pickup")
    _pay(client, order)
    admin.post(f"/admin/orders/{order.id}/steps/ready")
    admin.post(f"/admin/orders/{order.id}/steps/picked_up")
    _event(order, "charge.refunded", 20_000)
    _event(order, "charge.refunded")
    return order, S.REFUNDED


def cancelled_by_an_admin(client, admin, app):
    order = _place(client)
    admin.post(f"/admin/orders/{order.id}/steps/cancel", data={"note": "buyer phoned"})
    return order, S.CANCELLED


def payment_cancelled_at_the_gateway(client, admin, app):
    order = _place(client)
    _event(order, "payment_intent.canceled")
    return order, S.CANCELLED


def expired_then_paid(client, admin, app):
    order = _place(client)
    _expire(order)
    _event(order, "payment_intent.succeeded")
    return order, S.PAID


def paid_after_resale_then_refunded_automatically(client, admin, app):
    product = make_product(stock=1, price_idr=100_000)
    order = _place(client, product)
    _expire(order)
    _place(app.test_client(), product)  # another buyer takes the released unit
    _event(order, "payment_intent.succeeded")
    return order, S.REFUNDED


SCENARIOS = [
    shipped_and_refunded,
    picked_up_and_refunded_at_the_gateway,
    cancelled_by_an_admin,
    payment_cancelled_at_the_gateway,
    expired_then_paid,
    paid_after_resale_then_refunded_automatically,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_every_status_change_leaves_a_history_row(client, admin, app, scenario):
    order, final = scenario(client, admin, app)
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    rows = db.session.scalars(
        db.select(OrderStatusChange)
        .where(OrderStatusChange.order_id == order.id)
        .order_by(OrderStatusChange.id)
    ).all()
    status = S.PENDING_PAYMENT  # where every order placed at checkout starts
    for row in rows:
        assert row.from_status == status, [(r.from_status, r.to_status) for r in rows]
        status = row.to_status
    assert status == order.status == final


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_every_note_written_is_a_known_kind_worded_in_both_languages(client, admin, app, scenario):
    order, _ = scenario(client, admin, app)
    rows = db.session.scalars(
        db.select(OrderStatusChange).where(OrderStatusChange.order_id == order.id)
    ).all()
    assert rows
    with app.test_request_context():
        for row in rows:
            assert row.note_kind in set(NoteKind)
            for locale in ("en", "id"):
                with force_locale(locale):
                    assert bool(timeline_note(row)) == (row.note_kind != NoteKind.NONE)


ROOT = Path(__file__).resolve().parents[2]
WRITES_STATUS = re.compile(r"update\(Order\)|\border\.status\s*=[^=]|\.values\(status=")


def test_only_claim_status_writes_an_orders_status():
    writers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "storefront").rglob("*.py")
        if WRITES_STATUS.search(path.read_text())
    )
    # orders.services is claim_status's home; the demo seed builds past orders with their history.
    assert writers == ["storefront/demo/sales.py", "storefront/orders/services.py"]
