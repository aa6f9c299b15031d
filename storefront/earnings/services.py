"""Earnings ledger services. record_sale / record_refund are called inside other use cases and do
not commit; record_payout is a use case of its own and commits once."""

import logging
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _  # lazy: raised outside requests too (webhooks, CLI)
from sqlalchemy import ColumnElement, Select, func, select

from storefront import audit
from storefront.earnings import month_totals
from storefront.earnings.allocation import allocate, split_refund
from storefront.earnings.models import (
    EWALLETS,
    Account,
    LedgerEntry,
    LedgerTransaction,
    Payout,
    PayoutMethod,
    TxKind,
    maker_account,
)
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.makers.fees import fee_bps_for
from storefront.makers.models import Maker
from storefront.money import fee_split
from storefront.orders.models import Order
from storefront.shop import TIMEZONE
from storefront.vouchers.models import SHOP_DISCOUNTS_ACCOUNT

log = logging.getLogger(__name__)
SHIPPING_PART = 0  # key of the shipping part in a refund's remaining amounts (lines use their ids)


def _posted(reference: str) -> bool:
    return (
        db.session.scalar(
            select(LedgerTransaction.id).where(LedgerTransaction.reference == reference)
        )
        is not None
    )


def _post(tx: LedgerTransaction) -> LedgerTransaction:
    tx.check_balanced()
    month_totals.post(tx)  # the running monthly totals move in the same transaction
    db.session.add(tx)
    db.session.flush()
    db.session.info["ledger_posted"] = True  # impact.cache drops its figures once this commits
    return tx


def record_sale(order: Order, posted_at: datetime | None = None) -> bool:
    """Post the sale of a just-paid order: per line, maker share and platform fee (no commit).

    Returns False if this order's sale was already posted (a replayed event). `posted_at` is
    for the demo data's history only; a real sale is posted when it happens."""
    reference = f"sale:{order.id}"
    if _posted(reference):
        return False
    maker_ids = {line.maker_id for line in order.lines}
    makers = {m.id: m for m in db.session.scalars(select(Maker).where(Maker.id.in_(maker_ids)))}
    tx = LedgerTransaction(
        reference=reference, kind=TxKind.SALE, order_id=order.id, memo=order.number
    )
    if posted_at is not None:
        tx.created_at = posted_at
    tx.add(Account.CUSTOMER_PAYMENTS, -order.total_idr)
    for line in order.lines:
        share, fee = fee_split(line.line_total_idr, fee_bps_for(makers[line.maker_id]))
        tx.add(maker_account(line.maker_id), share, maker_id=line.maker_id, order_line_id=line.id)
        tx.add(Account.PLATFORM_FEES, fee, maker_id=line.maker_id, order_line_id=line.id)
    tx.add(Account.SHIPPING, order.shipping_idr)
    # A voucher's discount: the customer paid less, the shop's or a sponsor's account pays the
    # difference; every maker's share above is on the full price.
    tx.add(order.discount_account or SHOP_DISCOUNTS_ACCOUNT, -order.discount_idr)
    _post(tx)
    log.info("sale posted", extra={"order_id": order.id})
    return True


def remaining_by_part(order: Order) -> dict[int, tuple[int, int]]:
    """What is still unrefunded of each part of a posted sale: {line id or 0: (share, fee)}."""
    return _standing(order)[0]


def _is_discount(account: str) -> bool:
    """The accounts a voucher discount is posted to: the shop's, or a sponsor campaign's."""
    return account == SHOP_DISCOUNTS_ACCOUNT or account.startswith("sponsor:")


def _standing(order: Order) -> tuple[dict[int, tuple[int, int]], int]:
    """One grouped SUM over the order's sale and refunds: what is left of each part
    ({line id or 0: (share, fee)}) and of the voucher discount."""
    rows = db.session.execute(
        select(LedgerEntry.order_line_id, LedgerEntry.account, func.sum(LedgerEntry.amount_idr))
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(
            LedgerTransaction.order_id == order.id,
            LedgerTransaction.kind.in_((TxKind.SALE, TxKind.REFUND)),
            LedgerEntry.account != Account.CUSTOMER_PAYMENTS,
        )
        .group_by(LedgerEntry.order_line_id, LedgerEntry.account)
    ).all()
    left: dict[int, tuple[int, int]] = {line.id: (0, 0) for line in order.lines}
    left[SHIPPING_PART] = (0, 0)
    discount = 0
    for line_id, account, amount in rows:
        if _is_discount(account):
            discount -= int(amount)
            continue
        share, fee = left[line_id or SHIPPING_PART]
        if account == Account.PLATFORM_FEES:
            fee += int(amount)
        else:
            share += int(amount)
        left[line_id or SHIPPING_PART] = (share, fee)
    return left, discount


def discount_left_idr(order: Order) -> int:
    """The part of the order's voucher discount not yet reversed by refunds."""
    return _standing(order)[1]


def refundable_idr(order: Order) -> int:
    """How much of the order can still be refunded through the ledger (what the customer paid
    and has not had back: the parts less the voucher discount still standing): one SUM."""
    left, discount = _standing(order)
    return sum(share + fee for share, fee in left.values()) - discount


def _discount_back(order: Order, paid_idr: int | None, gross_idr: int | None) -> int:
    """How much of the discount a refund reverses, in proportion to what it returns: a refund of
    everything left reverses the rest of the discount exactly, so the accounts end at zero.

    Give `paid_idr` (what the customer gets back) or `gross_idr` (the items' full prices)."""
    discount = discount_left_idr(order)
    if discount <= 0:
        return 0
    gross_left = sum(share + fee for share, fee in remaining_by_part(order).values())
    if gross_idr is not None:
        return discount * gross_idr // gross_left if gross_left else 0
    paid_left = gross_left - discount
    if paid_left <= 0 or paid_idr is None:
        return 0
    return discount * min(paid_idr, paid_left) // paid_left


def paid_for_lines(order: Order, line_amounts: dict[int, int]) -> int:
    """What the customer paid for these line amounts (full prices), net of the voucher."""
    gross = sum(line_amounts.values())
    return gross - _discount_back(order, None, gross)


def record_refund(
    order: Order, amount_idr: int, reference: str, line_amounts: dict[int, int] | None = None
) -> bool:
    """Post a refund of `amount_idr` of `order`, in proportion over its lines, once per reference
    (no commit). `reference` is the gateway's refund id, so an admin refund and the webhook that
    reports it post once. `line_amounts` ({line id: rupiah}) refunds named lines instead.

    Returns False if already posted, or if the sale was never posted (nothing to reverse)."""
    tx_reference = f"refund:{reference}"
    if _posted(tx_reference):
        return False
    if not _posted(f"sale:{order.id}"):
        log.warning("refund of an order with no posted sale", extra={"order_id": order.id})
        return False
    left = remaining_by_part(order)
    back = _refund_discount(order, amount_idr, line_amounts)
    parts = _refund_parts(left, amount_idr + back, line_amounts)
    tx = LedgerTransaction(
        reference=tx_reference, kind=TxKind.REFUND, order_id=order.id, memo=order.number
    )
    tx.add(Account.CUSTOMER_PAYMENTS, amount_idr)
    tx.add(order.discount_account or SHOP_DISCOUNTS_ACCOUNT, back)
    makers = {line.id: line.maker_id for line in order.lines}
    for part_id, part in parts.items():
        share, fee = split_refund(part, *left[part_id])
        if part_id == SHIPPING_PART:
            tx.add(Account.SHIPPING, -(share + fee))
            continue
        maker_id = makers[part_id]
        tx.add(maker_account(maker_id), -share, maker_id=maker_id, order_line_id=part_id)
        tx.add(Account.PLATFORM_FEES, -fee, maker_id=maker_id, order_line_id=part_id)
    _post(tx)
    log.info("refund posted", extra={"order_id": order.id, "amount_idr": amount_idr})
    return True


def plan_refund(
    order: Order, amount_idr: int, line_amounts: dict[int, int] | None = None
) -> dict[int, int]:
    """The parts a refund would reverse; raises DomainError if it does not fit what is left.

    Called before any money moves, so a refund the ledger would refuse is never sent."""
    back = _refund_discount(order, amount_idr, line_amounts)
    return _refund_parts(remaining_by_part(order), amount_idr + back, line_amounts)


def _refund_discount(order: Order, amount_idr: int, line_amounts: dict[int, int] | None) -> int:
    """The discount a refund of `amount_idr` paid (for these full-price line amounts) reverses."""
    if line_amounts is not None:
        return sum(line_amounts.values()) - amount_idr if order.discount_idr else 0
    if amount_idr > refundable_idr(order):
        raise DomainError(_("That is more than is left to refund on this order."))
    return _discount_back(order, amount_idr, None)


def order_account_total(order: Order, kind: str, account: str, *where: ColumnElement[bool]) -> int:
    """The sum of one account's entries in the order's transactions of one kind (one SUM)."""
    query = (
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(
            LedgerTransaction.order_id == order.id,
            LedgerTransaction.kind == kind,
            LedgerEntry.account == account,
            *where,
        )
    )
    return int(db.session.scalars(query).one())


def refunded_idr(order: Order) -> int:
    """How much of the order the ledger has refunded so far (one SUM)."""
    return order_account_total(order, TxKind.REFUND, Account.CUSTOMER_PAYMENTS)


def record_refund_to_total(order: Order, refunded_total_idr: int, reference: str) -> bool:
    """Bring the order's posted refunds up to the gateway's cumulative refunded total (no commit).

    Both the admin refund and the charge.refunded webhook can report the same money; posting only
    the difference to the cumulative total makes them converge, whichever arrives first."""
    db.session.execute(select(Order.id).where(Order.id == order.id).with_for_update())
    delta = min(refunded_total_idr, order.total_idr) - refunded_idr(order)
    if delta <= 0:
        return False
    return record_refund(order, delta, reference)


def _refund_parts(
    left: dict[int, tuple[int, int]], amount_idr: int, line_amounts: dict[int, int] | None
) -> dict[int, int]:
    remaining = {part: share + fee for part, (share, fee) in left.items()}
    if line_amounts is not None:
        if any(p not in remaining or p == SHIPPING_PART for p in line_amounts):
            raise DomainError(_("That item is not part of this order."))
        if any(a < 0 or a > remaining[p] for p, a in line_amounts.items()):
            raise DomainError(_("That is more than is left to refund for this item."))
        if sum(line_amounts.values()) != amount_idr:
            raise DomainError(_("The refund amount does not match the items."))
        return dict(line_amounts)
    if amount_idr <= 0:
        raise DomainError(_("The refund amount must be more than zero."))
    if amount_idr > sum(remaining.values()):
        raise DomainError(_("That is more than is left to refund on this order."))
    # Proportional over what is still unrefunded: repeated partial refunds never overshoot a part.
    keys = list(remaining)
    return dict(zip(keys, allocate(amount_idr, [remaining[k] for k in keys]), strict=True))


def maker_balance(maker_id: int) -> int:
    """What the platform owes the maker now: one SUM over her account."""
    return int(
        db.session.scalars(
            select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0)).where(
                LedgerEntry.account == maker_account(maker_id)
            )
        ).one()
    )


def earnings_in_period(maker_id: int, start: datetime | None, end: datetime | None) -> int:
    """Her net earnings (sales less refunds) posted in [start, end): one aggregate query."""
    query = (
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(
            LedgerEntry.account == maker_account(maker_id),
            LedgerTransaction.kind.in_((TxKind.SALE, TxKind.REFUND)),
        )
    )
    query = _in_period(query, start, end)
    return int(db.session.scalars(query).one())


def platform_fee_income(start: datetime | None = None, end: datetime | None = None) -> int:
    """Fees kept by the platform (less refunded fees) in [start, end): one aggregate query."""
    query = (
        select(func.coalesce(func.sum(LedgerEntry.amount_idr), 0))
        .select_from(LedgerEntry)
        .join(LedgerTransaction)
        .where(LedgerEntry.account == Account.PLATFORM_FEES)
    )
    return int(db.session.scalars(_in_period(query, start, end)).one())


def _in_period[Q: Select[Any]](query: Q, start: datetime | None, end: datetime | None) -> Q:
    if start is not None:
        query = query.where(LedgerTransaction.created_at >= start)
    if end is not None:
        query = query.where(LedgerTransaction.created_at < end)
    return query


def record_payout(
    maker: Maker,
    amount_idr: int,
    *,
    paid_on: date,
    method: str,
    provider: str = "",
    reference: str = "",
    note: str = "",
    recorded_by_id: int | None = None,
    confirm_over_balance: bool = False,
) -> Payout:
    """Record money handed to a maker and post it; commits. Over her balance needs confirmation."""
    _check_payout(amount_idr, paid_on, method, provider)
    # Lock her row: two admins paying out at once must not both see the same balance.
    db.session.execute(select(Maker.id).where(Maker.id == maker.id).with_for_update())
    if amount_idr > maker_balance(maker.id) and not confirm_over_balance:
        raise Conflict(_("This is more than she is owed. Tick the box to confirm it."))
    payout = Payout(
        maker_id=maker.id,
        amount_idr=amount_idr,
        paid_on=paid_on,
        method=method,
        provider=provider.strip()[:40],
        reference=reference.strip()[:120],
        note=note.strip()[:300],
        recorded_by_id=recorded_by_id,
    )
    db.session.add(payout)
    db.session.flush()
    tx = LedgerTransaction(
        reference=f"payout:{payout.id}",
        kind=TxKind.PAYOUT,
        payout_id=payout.id,
        memo=payout.reference,
    )
    tx.add(maker_account(maker.id), -amount_idr, maker_id=maker.id)
    tx.add(Account.PAYOUTS, amount_idr, maker_id=maker.id)
    _post(tx)
    audit.record(
        recorded_by_id,
        "payout.record",
        "maker",
        maker.id,
        details={"amount_idr": amount_idr, "paid_on": paid_on.isoformat(), "method": method},
    )
    db.session.commit()
    log.info("payout recorded", extra={"maker_id": maker.id, "payout_id": payout.id})
    return payout


def _check_payout(amount_idr: int, paid_on: date, method: str, provider: str) -> None:
    if amount_idr <= 0:
        raise DomainError(_("The amount must be more than zero."))
    if method not in set(PayoutMethod):
        raise DomainError(_("Choose how the money was paid."))
    if method == PayoutMethod.EWALLET and provider not in EWALLETS:
        raise DomainError(_("Choose the e-wallet: GoPay, OVO or DANA."))
    if paid_on > datetime.now(TIMEZONE).date():
        raise DomainError(_("The payment date cannot be in the future."))
