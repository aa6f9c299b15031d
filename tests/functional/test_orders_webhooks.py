"""process_event: recorded once with its effect; replays, mismatches and unknown types change
nothing; refunds post only what is new."""

from storefront.catalog.models import Product
from storefront.earnings.services import refunded_idr
from storefront.extensions import db
from storefront.orders.models import OrderStatus
from storefront.payments import webhooks
from storefront.payments.gateway import GatewayEvent
from storefront.payments.models import PaymentEvent
from tests.factories import cart_add, checkout_post, latest_order, make_product


def placed(client, product=None):
    cart_add(client, product or make_product())
    checkout_post(client)
    return latest_order()


def event(order, kind="payment_intent.succeeded", *, id="evt_1", **changes):
    fields = {
        "id": id,
        "type": kind,
        "reference": order.payment_reference,
        "order_id": order.id,
        "amount_idr": order.total_idr,
        "currency": "idr",
    }
    return GatewayEvent(**{**fields, **changes})


def events():
    return db.session.scalars(db.select(PaymentEvent).order_by(PaymentEvent.id)).all()


def test_succeeded_event_marks_paid_and_is_recorded(client):
    order = placed(client)
    webhooks.process_event(event(order))
    assert order.status == OrderStatus.PAID
    assert [(e.event_id, e.order_id, e.flag) for e in events()] == [("evt_1", order.id, "")]


def test_replayed_event_changes_nothing(client, monkeypatch):
    sales = []
    monkeypatch.setattr(webhooks.paid.earnings, "record_sale", lambda o: sales.append(o.id))
    order = placed(client)
    webhooks.process_event(event(order))
    webhooks.process_event(event(order))
    assert sales == [order.id]
    assert len(events()) == 1
    assert len(order.history) == 1


def test_event_with_a_wrong_amount_is_flagged_and_changes_nothing(client):
    order = placed(client)
    webhooks.process_event(event(order, amount_idr=order.total_idr - 1000))
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert "amount" in events()[0].flag


def test_event_with_a_wrong_currency_is_flagged(client):
    order = placed(client)
    webhooks.process_event(event(order, currency="usd"))
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert "currency" in events()[0].flag


def test_event_for_an_unknown_order_is_flagged(client):
    order = placed(client)
    webhooks.process_event(event(order, order_id=order.id + 99, reference="pi_unknown"))
    assert events()[0].flag == "no matching order"


def test_event_whose_reference_belongs_to_another_order_is_flagged(client, app):
    first = placed(client)
    other = app.test_client()
    second = placed(other)
    webhooks.process_event(event(first, reference=second.payment_reference))
    db.session.expire_all()
    assert first.status == second.status == OrderStatus.PENDING_PAYMENT
    assert events()[0].flag


def test_unknown_event_type_is_recorded_and_ignored(client):
    order = placed(client)
    webhooks.process_event(event(order, "customer.created"))
    assert [(e.type, e.flag) for e in events()] == [("customer.created", "")]
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_canceled_event_cancels_and_releases_stock(client):
    product = make_product(stock=1)
    order = placed(client, product)
    webhooks.process_event(event(order, "payment_intent.canceled"))
    assert order.status == OrderStatus.CANCELLED
    assert db.session.get(Product, product.id).stock == 1


def test_failed_event_after_success_does_not_unpay(client):
    order = placed(client)
    webhooks.process_event(event(order, id="evt_ok"))
    webhooks.process_event(event(order, "payment_intent.payment_failed", id="evt_late_fail"))
    webhooks.process_event(event(order, "payment_intent.canceled", id="evt_late_cancel"))
    assert order.status == OrderStatus.PAID


def test_partial_then_full_refund_posts_only_the_new_amounts(client):
    order = placed(client)
    total = order.total_idr
    webhooks.process_event(event(order, id="evt_paid"))
    webhooks.process_event(event(order, "charge.refunded", id="evt_r1", amount_idr=10_000))
    webhooks.process_event(event(order, "charge.refunded", id="evt_r1", amount_idr=10_000))
    assert refunded_idr(order) == 10_000
    assert order.status == OrderStatus.PAID
    webhooks.process_event(event(order, "charge.refunded", id="evt_r2", amount_idr=total))
    assert refunded_idr(order) == total
    assert order.status == OrderStatus.REFUNDED


def test_refund_older_than_a_later_refund_posts_nothing(client):
    order = placed(client)
    webhooks.process_event(event(order, id="evt_paid"))
    webhooks.process_event(event(order, "charge.refunded", id="evt_r2", amount_idr=20_000))
    webhooks.process_event(event(order, "charge.refunded", id="evt_r1", amount_idr=10_000))
    assert refunded_idr(order) == 20_000


def test_refund_larger_than_the_order_is_flagged(client):
    order = placed(client)
    webhooks.process_event(event(order, id="evt_paid"))
    webhooks.process_event(
        event(order, "charge.refunded", id="evt_r", amount_idr=order.total_idr + 1)
    )
    assert events()[1].flag
    assert order.status == OrderStatus.PAID


def test_refund_reported_before_its_payment_is_kept_then_applied_after_the_sale(client):
    order = placed(client)
    webhooks.process_event(event(order, "charge.refunded", id="evt_r", amount_idr=1000))
    assert [(e.flag, e.is_deferred) for e in events()] == [("", True)]
    assert refunded_idr(order) == 0
    webhooks.process_event(event(order))
    assert order.status == OrderStatus.PAID
    assert refunded_idr(order) == 1000
    assert [e.is_deferred for e in events()] == [False, False]


def test_refund_for_another_payment_of_a_pending_order_is_flagged(client):
    order = placed(client)
    webhooks.process_event(event(order, "charge.refunded", amount_idr=1000, reference="pi_x"))
    assert "payment" in events()[0].flag
    assert not events()[0].is_deferred


def test_admin_refund_then_its_webhook_posts_the_money_once(client):
    from storefront.payments.refunds import refund_order
    from storefront.payments.test_gateway import TestGateway

    order = placed(client)
    webhooks.process_event(event(order, id="evt_paid"))
    refund_order(order, actor_id=None, amount_idr=30_000, gateway=TestGateway())
    assert refunded_idr(order) == 30_000
    # The gateway then reports the same refund: its cumulative total is what the ledger holds.
    webhooks.process_event(event(order, "charge.refunded", id="evt_r", amount_idr=30_000))
    assert refunded_idr(order) == 30_000
    webhooks.process_event(event(order, "charge.refunded", id="evt_r2", amount_idr=45_000))
    assert refunded_idr(order) == 45_000
