"""After checkout: the order page, the test payment page, mark_paid, expiry and the CLI."""

from datetime import timedelta

from storefront.catalog.models import Product
from storefront.database import utcnow
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders.models import OrderStatus
from storefront.payments import cancel, expiry, paid
from storefront.payments.models import PaymentEvent
from tests.factories import cart_add, checkout_post, latest_order, make_maker, make_product


def stock_of(product) -> int:
    return db.session.scalar(db.select(Product.stock).where(Product.id == product.id))


def placed(client, *products, quantity=1):
    for product in products:
        cart_add(client, product, quantity)
    checkout_post(client)
    return latest_order()


def expire(order):
    order.reserved_until = utcnow() - timedelta(minutes=1)
    db.session.commit()


def resold_while_unpaid(client, app):
    """A pending order whose reservation ended and whose only item another buyer then ordered:
    a late payment for it must go to review."""
    product = make_product(stock=1)
    order = placed(client, product)
    expire(order)
    expiry.release_expired(utcnow())
    other = app.test_client()
    cart_add(other, product)
    checkout_post(other)
    return order


def test_order_page_shows_status_lines_and_totals(client):
    order = placed(client, make_product(title_id="Tas Merah", price_idr=99_000))
    page = client.get(f"/orders/{order.token}").get_data(as_text=True)
    assert order.number in page and "Tas Merah" in page and "Rp114.000" in page
    assert 'id="order-status"' in page


def test_unknown_order_token_is_404(client):
    assert client.get("/orders/not-a-real-token").status_code == 404
    assert client.get("/pay/not-a-real-token").status_code == 404


def test_test_pay_page_is_clearly_marked(client):
    order = placed(client, make_product())
    assert "PEMBAYARAN UJI COBA" in client.get(f"/pay/{order.token}").get_data(as_text=True)
    client.set_cookie("lang", "en")
    page = client.get(f"/pay/{order.token}").get_data(as_text=True)
    assert "TEST PAYMENT: no money moves." in page


def test_test_pay_success_marks_the_order_paid_through_process_event(client):
    order = placed(client, make_product())
    response = client.post(f"/pay/{order.token}/test", data={"outcome": "success"})
    assert response.headers["Location"].endswith(f"/orders/{order.token}")
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and order.paid_at is not None
    event = db.session.scalar(db.select(PaymentEvent))
    assert (event.type, event.order_id, event.flag) == ("payment_intent.succeeded", order.id, "")


def test_test_pay_failure_keeps_the_order_pending_and_payable(client):
    product = make_product(stock=1)
    order = placed(client, product)
    client.post(f"/pay/{order.token}/test", data={"outcome": "failure"})
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert stock_of(product) == 0
    assert client.get(f"/pay/{order.token}").status_code == 200


def test_test_pay_with_an_unknown_outcome_is_400(client):
    order = placed(client, make_product())
    assert client.post(f"/pay/{order.token}/test", data={"outcome": "free"}).status_code == 400


def test_paid_order_page_shows_paid(client):
    order = placed(client, make_product())
    client.post(f"/pay/{order.token}/test", data={"outcome": "success"})
    client.set_cookie("lang", "en")
    page = client.get(f"/orders/{order.token}").get_data(as_text=True)
    assert '<strong id="order-status">Paid</strong>' in page


def test_mark_paid_twice_records_one_sale(client, monkeypatch):
    sales = []
    monkeypatch.setattr(paid.earnings, "record_sale", lambda order: sales.append(order.id))
    order = placed(client, make_product())
    assert paid.mark_paid(order, order.payment_reference, order.total_idr, "e1") == "paid"
    assert paid.mark_paid(order, order.payment_reference, order.total_idr, "e2") == "unchanged"
    assert sales == [order.id]
    assert [c.to_status for c in order.history] == ["paid"]


def test_mark_paid_mails_the_customer_and_each_maker(client, app):
    from email import message_from_bytes
    from pathlib import Path

    folder = Path(app.config["MAIL_DIR"])
    before = set(folder.glob("*.eml")) if folder.exists() else set()
    one = make_maker(with_user=True)
    two = make_maker(with_user=True)
    order = placed(client, make_product(maker=one), make_product(maker=two))
    paid.mark_paid(order, order.payment_reference, order.total_idr, "e1")
    mails = [message_from_bytes(p.read_bytes()) for p in set(folder.glob("*.eml")) - before]
    assert sorted(m["To"] for m in mails) == sorted([order.email, one.user.email, two.user.email])
    assert all(order.number in m.get_payload(decode=True).decode() for m in mails)


def test_mark_paid_with_a_wrong_amount_changes_nothing(client):
    order = placed(client, make_product())
    paid.mark_paid(order, order.payment_reference, order.total_idr - 1, "e1")
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_expired_reservation_is_released_and_the_order_cancelled(client):
    product = make_product(stock=1)
    order = placed(client, product)
    expire(order)
    assert expiry.release_expired(utcnow()) == 1
    db.session.expire_all()
    assert order.status == OrderStatus.CANCELLED
    assert stock_of(product) == 1
    assert expiry.release_expired(utcnow()) == 0
    assert stock_of(product) == 1


def test_release_expired_cli_command(client, runner):
    product = make_product(stock=2)
    order = placed(client, product, quantity=2)
    expire(order)
    result = runner.invoke(args=["release-expired"])
    assert "Released 1" in result.output
    assert stock_of(product) == 2


def test_reading_the_cart_releases_expired_reservations_lazily(client, app):
    product = make_product(stock=1)
    order = placed(client, product)
    expire(order)
    app.test_client().get("/cart")
    assert stock_of(product) == 1


def test_unexpired_reservation_is_kept(client):
    product = make_product(stock=1)
    placed(client, product)
    assert expiry.release_expired(utcnow()) == 0
    assert stock_of(product) == 0


def test_late_payment_after_expiry_retakes_stock_if_still_there(client):
    product = make_product(stock=1)
    order = placed(client, product)
    expire(order)
    expiry.release_expired(utcnow())
    outcome = paid.mark_paid(order, order.payment_reference, order.total_idr, "late")
    assert outcome == "paid"
    assert stock_of(product) == 0


def test_late_payment_for_resold_stock_goes_to_review_and_is_refunded(client, app, monkeypatch):
    from storefront.payments.registry import get_gateway

    refunds = []
    gateway = get_gateway()
    monkeypatch.setattr(gateway, "refund", lambda ref, amount, key: refunds.append(amount) or "r")
    product = make_product(stock=1)
    order = placed(client, product)
    expire(order)
    expiry.release_expired(utcnow())
    other = app.test_client()  # another buyer takes the released unit
    cart_add(other, product)
    checkout_post(other)
    outcome = paid.mark_paid(order, order.payment_reference, order.total_idr, "late")
    assert outcome == "review"
    assert refunds == [order.total_idr]
    assert stock_of(product) == 0
    # The money was held, never earned, then handed back: both movements are ledger rows.
    assert order.status == OrderStatus.REFUNDED
    assert [change.to_status for change in order.history][-2:] == ["needs_review", "refunded"]
    assert ledger_of(order) == [
        ("held", "customer_payments", -order.total_idr),
        ("held", "held_payments", order.total_idr),
        ("held", "customer_payments", order.total_idr),
        ("held", "held_payments", -order.total_idr),
    ]


def ledger_of(order):
    from storefront.earnings.models import LedgerEntry, LedgerTransaction

    rows = db.session.execute(
        db.select(LedgerTransaction.kind, LedgerEntry.account, LedgerEntry.amount_idr)
        .join(LedgerEntry.transaction)
        .where(LedgerTransaction.order_id == order.id)
        .order_by(LedgerEntry.id)
    )
    return [tuple(row) for row in rows]


def test_failed_automatic_refund_keeps_the_money_held_until_the_gateway_refunds(
    client, app, monkeypatch
):
    from storefront.payments import webhooks
    from storefront.payments.gateway import GatewayEvent, GatewayUnavailable
    from storefront.payments.registry import get_gateway

    def refuse(*args):
        raise GatewayUnavailable("gateway down")

    monkeypatch.setattr(get_gateway(), "refund", refuse)
    order = resold_while_unpaid(client, app)
    assert paid.mark_paid(order, order.payment_reference, order.total_idr, "late") == "review"
    assert order.status == OrderStatus.NEEDS_REVIEW
    assert (
        sum(amount for kind, account, amount in ledger_of(order) if account == "held_payments")
        == order.total_idr
    )
    refunded = GatewayEvent(
        id="evt_manual_refund",
        type="charge.refunded",
        reference=order.payment_reference,
        order_id=order.id,
        amount_idr=order.total_idr,
        currency="idr",
    )
    webhooks.process_event(refunded)
    webhooks.process_event(refunded)  # a replay changes nothing
    assert order.status == OrderStatus.REFUNDED
    assert (
        sum(amount for kind, account, amount in ledger_of(order) if account == "held_payments") == 0
    )
    assert len(ledger_of(order)) == 4


def test_cancel_order_releases_stock(client):
    product = make_product(stock=3)
    order = placed(client, product, quantity=2)
    assert cancel.cancel_order(order, note=notes.typed("customer asked"))
    assert stock_of(product) == 3
    assert not cancel.cancel_order(order)
    assert stock_of(product) == 3


def test_order_page_shows_the_dated_timeline_and_the_tracking_number(client):
    from storefront.orders import fulfilment
    from tests.factories import make_sold_order

    order = make_sold_order([(make_maker(), 100_000, 1)])
    fulfilment.pack(order, actor_id=None)
    fulfilment.ship(order, "JNE", "JN123456789", actor_id=None)
    html = client.get(f"/orders/{order.token}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Courier: JNE, tracking number: JN123456789" in html
    assert html.count("<time datetime=") == 3  # placed, packed, shipped
    assert "Shipped" in html


def test_a_page_view_releases_a_small_batch_and_the_cli_the_rest(client, runner):
    from tests.factories import make_sold_order

    orders = []
    for _ in range(7):
        order = make_sold_order([(make_maker(), 40_000, 1)], status="pending_payment", record=False)
        order.reserved_until = utcnow() - timedelta(minutes=5)
        orders.append(order)
    db.session.commit()
    client.get("/products")

    def pending():
        db.session.expire_all()
        return sum(1 for o in orders if db.session.get(type(o), o.id).status == "pending_payment")

    assert pending() == 7 - expiry.LAZY_BATCH
    result = runner.invoke(args=["release-expired"])
    assert "Released 2 expired order(s)." in result.output
    assert pending() == 0
