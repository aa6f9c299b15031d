"""Refunds, the one place both refund paths go through: the admin's (the gateway first, then the
ledger and the order) and the gateway's report of a refund (charge.refunded), plus the automatic
refund of a payment that came after its stock was resold. Payments code calls orders and earnings
here; they never call the gateway themselves."""

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import lazy_gettext as _  # lazy: raised outside requests too (webhooks, CLI)
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storefront.earnings import held
from storefront.earnings.services import (
    plan_refund,
    record_refund,
    record_refund_to_total,
    refundable_idr,
    refunded_idr,
)
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.orders import notes
from storefront.orders.fulfilment import claim_or_refuse, line_amounts_of
from storefront.orders.models import InvalidTransition, Order, OrderStatus
from storefront.orders.services import claim_status, note_partial_refund
from storefront.orders.stock import restock_refunded
from storefront.payments.gateway import Gateway, GatewayError, RefundNotSupported
from storefront.payments.models import ManualRefund, RefundToken
from storefront.payments.registry import get_gateway, holding
from storefront.stock_alerts.services import notify_restocked

log = logging.getLogger(__name__)
S = OrderStatus


class RefundFailed(DomainError):
    status_code = 503


class RefundByBankTransfer(DomainError):
    """The gateway cannot refund this payment through its API (a virtual account, an expired
    payment, QRIS from some banks): transfer it by bank and record it by hand."""

    status_code = 409


@dataclass(frozen=True)
class BankTransfer:
    """A refund the admin paid by bank transfer herself: to whom, and the bank's reference."""

    bank: str
    account_holder: str
    account_number: str
    reference: str


class AlreadyRefunded(DomainError):
    """The refund form's one-time token was spent: this refund was made already."""

    status_code = 409

    def __init__(self, refund_id: str) -> None:
        super().__init__(_("This refund was already made."))
        self.refund_id = refund_id


def can_refund(order: Order) -> bool:
    return order.can_change_to(S.REFUNDED) and bool(order.payment_reference)


def refund_order(
    order: Order,
    *,
    actor_id: int | None,
    amount_idr: int | None = None,
    quantities: dict[int, int] | None = None,
    gateway: Gateway | None = None,
    note: str = "",
    token: str = "",
    transfer: BankTransfer | None = None,
) -> str:
    """Refund through the gateway, then post it to the ledger; commits. Returns the refund id.
    With `transfer` the money went back by a bank transfer the admin made: the gateway is not
    asked, the transfer is recorded, and the ledger posts it like any refund.

    Give `amount_idr` (spread over the lines in proportion) or `quantities` ({line id: items}).
    `token` (the refund form's one-time token) is the gateway's idempotency key and is spent in
    the same commit; a spent one raises AlreadyRefunded, so a resubmitted form refunds once.
    Everything that could refuse the refund is checked before any money moves."""
    # Lock the order so the charge.refunded webhook for this refund (and a second submit of the
    # same form) waits for our posting.
    db.session.execute(select(Order.id).where(Order.id == order.id).with_for_update())
    _check_token(token)
    if not can_refund(order):
        raise InvalidTransition(_("This order cannot be refunded."))
    if order.paid_at is None:  # in review: the money was held, never a sale
        return _refund_held(
            order, actor_id=actor_id, gateway=gateway, note=note, token=token, transfer=transfer
        )
    line_amounts = line_amounts_of(order, quantities) if quantities is not None else None
    amount = sum(line_amounts.values()) if line_amounts is not None else amount_idr
    if not amount or amount <= 0:
        raise DomainError(_("The refund amount must be more than zero."))
    plan_refund(order, amount, line_amounts)  # raises if it does not fit what is left
    left = refundable_idr(order)
    before = refunded_idr(order)
    key = f"refund-{order.id}-{token}" if token else f"refund-{order.id}-{before}-{amount}"
    if transfer is not None:
        refund_id = _record_transfer(order, amount, transfer, actor_id)
    else:
        refund_id = _gateway_refund(order, amount, key, gateway)
    with _spending(order, token, refund_id, amount):
        _restock(order, quantities, whole=before == 0 and amount == left)
        posted = _post_refund(order, amount, before, refund_id, line_amounts)
        if amount == left:
            claim_or_refuse(order, S.REFUNDED, actor_id=actor_id, note=notes.typed(note))
        elif posted:  # not if the webhook already reported (and noted) this refund
            note_partial_refund(order, amount, refund_id, actor_id=actor_id)
    log.info("order refunded", extra={"order_id": order.id, "amount_idr": amount})
    notify_restocked()
    return refund_id


def _restock(order: Order, quantities: dict[int, int] | None, *, whole: bool) -> None:
    """Items refunded before they were sent go back on sale: the lines chosen, or all of them
    for a whole refund (an amount-only partial refund is a discount: nothing comes back)."""
    if quantities is not None:
        restock_refunded(order, quantities)
    elif whole:
        restock_refunded(order, None)


def _check_token(token: str) -> None:
    spent = db.session.get(RefundToken, token) if token else None
    if spent is not None:
        raise AlreadyRefunded(spent.refund_id)


@contextmanager
def _spending(order: Order, token: str, refund_id: str, amount: int) -> Iterator[None]:
    """Post the refund (the block), spend the token with it, commit. Where the database takes no
    row lock (SQLite), a second submit racing the first finds the token spent only here, as a
    posting or the token already there: nothing of it is kept."""
    try:
        yield
        if token:
            db.session.add(
                RefundToken(token=token, order_id=order.id, refund_id=refund_id, amount_idr=amount)
            )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        spent = db.session.get(RefundToken, token) if token else None
        if spent is None:
            raise
        raise AlreadyRefunded(spent.refund_id) from None


def _gateway_refund(order: Order, amount: int, key: str, gateway: Gateway | None) -> str:
    gateway = gateway or _gateway_holding(order)
    try:
        return gateway.refund(order.payment_reference or "", amount, key)
    except RefundNotSupported as error:  # nothing moved: the admin transfers it by bank
        log.info("refund needs a bank transfer", extra={"order_id": order.id})
        raise RefundByBankTransfer(
            _(
                "The payment service cannot refund this payment method. Transfer the money "
                "by bank and record the transfer below."
            )
        ) from error
    except GatewayError as error:  # refused or not reached: nothing was posted, the admin may retry
        log.exception("gateway refund failed", extra={"order_id": order.id})
        raise RefundFailed(
            _("The payment service did not accept the refund. Try again later.")
        ) from error


def _post_refund(
    order: Order, amount: int, before: int, refund_id: str, line_amounts: dict[int, int] | None
) -> bool:
    """Post what the ledger does not hold yet: a webhook may have reported this refund already."""
    if refunded_idr(order) != before:  # reported meanwhile: converge on the total, once
        return record_refund_to_total(order, before + amount, refund_id)
    if line_amounts is not None:
        return record_refund(order, amount, refund_id, line_amounts=line_amounts)
    return record_refund_to_total(order, before + amount, refund_id)


def _record_transfer(
    order: Order, amount: int, transfer: BankTransfer, actor_id: int | None
) -> str:
    """The bank transfer the admin made, kept with the order (no commit); its id is the
    refund's id in the ledger."""
    fields = (transfer.bank, transfer.account_holder, transfer.account_number, transfer.reference)
    if not all(field.strip() for field in fields):
        raise DomainError(
            _("Enter the bank, the account holder, the account number and the reference.")
        )
    refund_id = f"bank-{order.id}-{secrets.token_hex(6)}"
    db.session.add(
        ManualRefund(
            order_id=order.id,
            refund_id=refund_id,
            amount_idr=amount,
            bank=transfer.bank.strip()[:60],
            account_holder=transfer.account_holder.strip()[:120],
            account_number=transfer.account_number.strip()[:40],
            transfer_reference=transfer.reference.strip()[:120],
            actor_id=actor_id,
        )
    )
    return refund_id


def _refund_held(
    order: Order,
    *,
    actor_id: int | None,
    gateway: Gateway | None,
    note: str,
    token: str,
    transfer: BankTransfer | None = None,
) -> str:
    """Give back what is still held of an order in review (paid after its stock was resold)."""
    amount = held_left_idr(order)
    if transfer is not None:
        refund_id = _record_transfer(order, amount, transfer, actor_id)
    else:
        refund_id = _gateway_refund(order, amount, _held_key(order, amount), gateway)
    shown = notes.typed_or(note, notes.refunded_by_admin(refund_id))
    with _spending(order, token, refund_id, amount):
        settle_held_refund(order, note=shown, actor_id=actor_id)
    log.info("held payment refunded", extra={"order_id": order.id, "amount_idr": amount})
    return refund_id


def held_left_idr(order: Order) -> int:
    """What the gateway still holds of an order in review: a refund made at its dashboard (and
    reported) already gave part of it back."""
    return order.total_idr - held.held_refunded_idr(order)


def _held_key(order: Order, amount: int) -> str:
    # The same for the automatic and the admin's refund of the same remainder: one refund.
    return f"review-refund-{order.number}-{amount}"


def _default_gateway() -> Gateway:
    return get_gateway()


def _gateway_holding(order: Order) -> Gateway:
    """The gateway holding the order's payment (Stripe for a card beside Midtrans)."""
    primary = _default_gateway()
    return holding(order.gateway, primary) or primary


def refund_review_order(order: Order) -> None:
    """After the commit of a payment that came after its stock was resold: give it all back at
    once (commits). A gateway failure leaves the order in review for an admin to refund."""
    if not order.payment_reference or order.status != S.NEEDS_REVIEW:
        return  # not if a refund reported earlier settled it
    amount = held_left_idr(order)
    try:
        gateway = _gateway_holding(order)
        refund_id = gateway.refund(order.payment_reference, amount, _held_key(order, amount))
    except GatewayError:  # also RefundNotSupported: the order stays in review for an admin
        log.exception("automatic refund failed", extra={"order_id": order.id})
        return
    settle_held_refund(order, note=notes.automatic_refund(refund_id))
    db.session.commit()


def settle_held_refund(order: Order, note: notes.Note, actor_id: int | None = None) -> None:
    """The held money of a needs-review order went back to the customer: post it, close the order
    (no commit). The automatic refund and the gateway's charge.refunded both land here, once."""
    held.release_held_payment(order)
    if order.status == S.NEEDS_REVIEW:
        claim_status(order, S.REFUNDED, note=note, actor_id=actor_id)


def post_reported_refund(order: Order, refunded_total: int, event_id: str, reference: str) -> None:
    """The gateway reports `refunded_total` refunded so far (cumulative): post what the ledger does
    not hold yet and close or note it on the order (no commit)."""
    if order.paid_at is None:  # a needs-review order: its money was held, never a sale
        _post_reported_held_refund(order, refunded_total, event_id, reference)
        return
    before = refunded_idr(order)
    posted = record_refund_to_total(order, refunded_total, event_id)
    if refunded_total >= order.total_idr and order.status != S.REFUNDED:
        claim_status(order, S.REFUNDED, note=notes.refunded(event_id))
    elif posted:  # a refund made at the gateway (its dashboard): put it on the timeline too
        note_partial_refund(order, refunded_total - before, reference)


def _post_reported_held_refund(
    order: Order, refunded_total: int, event_id: str, reference: str
) -> None:
    """All of it back: close the order. A part (its dashboard): post that part and note it, so
    the later refund of the rest asks the gateway only for what it still holds."""
    if refunded_total >= order.total_idr:
        settle_held_refund(order, note=notes.refunded(event_id))
        return
    before = held.held_refunded_idr(order)
    if held.release_held_to_total(order, refunded_total, event_id):
        note_partial_refund(order, refunded_total - before, reference)
