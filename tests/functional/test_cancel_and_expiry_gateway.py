"""Review fixes on cancelling: an admin cancel asks the gateway first and records a payment that
succeeded instead of cancelling it; what the cancel itself reports is applied; the reconciler
asks again about cancelled orders whose payment was never confirmed cancelled. Page views never
wait for a remote gateway: they release only expired orders without a payment there."""

from datetime import timedelta

import pytest

from storefront.database import utcnow
from storefront.earnings.models import LedgerTransaction, TxKind
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders.models import Order, OrderStatus
from storefront.payments import cancel
from storefront.payments.gateway import GatewayUnavailable, PaymentResult
from storefront.payments.reconcile import reconcile_payments
from tests.factories import make_maker, make_sold_order, make_user

S = OrderStatus
EN = {"Accept-Language": "en"}


class FakeGateway:
    """A remote gateway whose answers the test chooses: a status, or GatewayUnavailable (None)."""

    name = "fake"
    livemode = False
    remote = True

    def __init__(self, order, retrieve="requires_payment_method", cancel="canceled"):
        self.order, self.answers, self.calls = order, {"retrieve": retrieve, "cancel": cancel}, []

    def _answer(self, what):
        self.calls.append(what)
        status = self.answers[what]
        if status is None:
            raise GatewayUnavailable("timed out")
        order = self.order
        return PaymentResult(
            reference=order.payment_reference,
            status=status,
            amount_idr=order.total_idr,
            currency="idr",
            order_id=order.id,
        )

    def retrieve_payment(self, reference):
        return self._answer("retrieve")

    def cancel_payment(self, reference):
        return self._answer("cancel")


def _pending(minutes_left=10, reference="pi_fake_1") -> Order:
    order = make_sold_order([(make_maker(), 80_000, 1)], status="pending_payment", record=False)
    order.paid_at = None
    order.payment_reference = reference
    order.gateway = "fake"
    order.reserved_until = utcnow() + timedelta(minutes=minutes_left)
    db.session.commit()
    return order


@pytest.fixture
def use(app):
    def install(gateway):
        app.extensions["storefront.gateway"] = gateway
        return gateway

    yield install
    app.extensions.pop("storefront.gateway", None)


def _fresh(order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def _sales(order) -> int:
    return db.session.scalar(
        db.select(db.func.count())
        .select_from(LedgerTransaction)
        .where(LedgerTransaction.order_id == order.id, LedgerTransaction.kind == TxKind.SALE)
    )


def test_admin_cancel_of_an_order_paid_at_the_gateway_records_it_and_tells_the_admin(
    client, login_as, use
):
    login_as(make_user("admin"))
    order = _pending()
    gateway = use(FakeGateway(order, retrieve="succeeded"))
    response = client.post(f"/admin/orders/{order.id}/steps/cancel", headers=EN)
    assert "already paid" in client.get(response.location, headers=EN).get_data(as_text=True)
    assert _fresh(order).status == S.PAID
    assert _sales(order) == 1
    assert gateway.calls == ["retrieve"]  # never cancelled


def test_admin_cancel_while_the_gateway_is_unreachable_cancels_nothing(client, login_as, use):
    login_as(make_user("admin"))
    order = _pending()
    use(FakeGateway(order, retrieve=None))
    response = client.post(f"/admin/orders/{order.id}/steps/cancel", headers=EN)
    assert response.status_code == 503
    assert _fresh(order).status == S.PENDING_PAYMENT


def test_a_cancel_that_reports_the_payment_succeeded_records_it(use):
    order = _pending()
    use(FakeGateway(order, retrieve="processing", cancel="succeeded"))
    assert cancel.cancel_order(order, note=notes.CANCELLED_BY_ADMIN)
    assert _fresh(order).status in (S.PAID, S.NEEDS_REVIEW)
    assert _fresh(order).status == S.PAID  # its stock was still free
    assert _sales(order) == 1


def test_reconciler_asks_about_a_cancel_the_gateway_never_confirmed(use):
    order = _pending()
    gateway = use(FakeGateway(order, cancel=None))  # the cancel times out
    assert cancel.cancel_order(order, note=notes.CANCELLED_BY_ADMIN)
    assert _fresh(order).status == S.CANCELLED
    gateway.answers["retrieve"] = "succeeded"  # the card had gone through after all
    result = reconcile_payments(gateway, utcnow(), pending_for=timedelta(minutes=15))
    assert (result.checked, result.settled) == (1, 1)
    assert _fresh(order).status in (S.PAID, S.NEEDS_REVIEW)
    assert _sales(order) + _held(order) == 1


def test_reconciler_forgets_a_cancel_the_gateway_confirmed(use):
    order = _pending()
    gateway = use(FakeGateway(order))
    assert cancel.cancel_order(order, note=notes.CANCELLED_BY_ADMIN)
    result = reconcile_payments(gateway, utcnow(), pending_for=timedelta(minutes=15))
    assert result.checked == 0


def _held(order) -> int:
    return db.session.scalar(
        db.select(db.func.count())
        .select_from(LedgerTransaction)
        .where(LedgerTransaction.order_id == order.id, LedgerTransaction.kind == TxKind.HELD)
    )


def test_a_page_view_never_asks_a_remote_gateway_and_still_releases_unpaid_orders(
    client, runner, use
):
    with_payment = _pending(minutes_left=-5)
    without = _pending(minutes_left=-5, reference=None)
    gateway = use(FakeGateway(with_payment, retrieve=None, cancel=None))  # hangs, then fails
    assert client.get("/products").status_code == 200
    assert gateway.calls == []
    assert _fresh(without).status == S.CANCELLED
    assert _fresh(with_payment).status == S.PENDING_PAYMENT
    # The command asks; an unreachable gateway cancels nothing.
    assert "Released 0" in runner.invoke(args=["release-expired"]).output
    assert gateway.calls == ["retrieve"]
    assert _fresh(with_payment).status == S.PENDING_PAYMENT


def test_cancelling_with_the_test_gateway_flags_no_event(client):
    from storefront.payments.models import PaymentEvent
    from tests.factories import cart_add, checkout_post, latest_order, make_product

    cart_add(client, make_product(stock=1))
    checkout_post(client)
    assert cancel.cancel_order(latest_order(), note=notes.CANCELLED_BY_ADMIN)
    assert db.session.scalars(db.select(PaymentEvent).where(PaymentEvent.flag != "")).all() == []
