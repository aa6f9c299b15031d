"""The payments' periodic tasks and jobs, run by `flask scheduler` and `flask worker`."""

from datetime import timedelta

from flask import current_app

from storefront.database import utcnow
from storefront.extensions import db
from storefront.jobs import handler, task
from storefront.orders.models import Order
from storefront.payments.cancel import cancel_payment_quietly
from storefront.payments.expiry import release_expired
from storefront.payments.reconcile import Reconciled, reconcile_payments
from storefront.payments.registry import get_gateway

CANCEL_PAYMENT = "payments.cancel_payment"


@task("payments.release_expired")
def release_expired_task() -> int:
    """Every minute: cancel the orders whose reservation ended (asking the gateway first)."""
    return release_expired(utcnow())


@task("payments.reconcile")
def reconcile_task() -> Reconciled:
    """Every few minutes: ask the gateway about payments pending too long."""
    minutes = current_app.config["JOBS_RECONCILE_PENDING_MINUTES"]
    return reconcile_payments(get_gateway(), utcnow(), pending_for=timedelta(minutes=minutes))


@handler(CANCEL_PAYMENT)
def cancel_payment_job(order_id: int) -> None:
    """Cancel the gateway payment of an order already cancelled (a failure is left to the
    reconciler, as cancel_payment_quietly does inside a request)."""
    order = db.session.get(Order, order_id)
    if order is not None:
        cancel_payment_quietly(order)
