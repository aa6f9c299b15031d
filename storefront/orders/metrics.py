"""Counts orders that became paid, once their transaction commits (storefront_orders_paid_total),
whichever path paid them (webhook, return page, reconciling, an admin)."""

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from storefront.observability import ORDERS_PAID
from storefront.orders.models import Order, OrderStatus

PAID_NOW = "orders_paid_now"


@event.listens_for(Session, "before_flush")
def _note_paid(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Order) and OrderStatus.PAID in inspect(obj).attrs.status.history.added:
            session.info.setdefault(PAID_NOW, set()).add(obj.number)


@event.listens_for(Session, "after_commit")
def _count_paid(session: Session) -> None:
    ORDERS_PAID.inc(len(session.info.pop(PAID_NOW, ())))


@event.listens_for(Session, "after_soft_rollback")
def _forget_paid(session: Session, _previous) -> None:
    session.info.pop(PAID_NOW, None)
