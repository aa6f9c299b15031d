"""The earnings ledger (append-only, double entry) and the payouts handed to makers."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, String, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, Session, UOWTransaction, mapped_column, relationship

from storefront.database import Base, utcnow


class TxKind(StrEnum):
    SALE = "sale"
    REFUND = "refund"
    PAYOUT = "payout"
    # Money received for an order that could not be fulfilled (paid after its stock was resold):
    # held, then handed back; it is never anyone's earnings.
    HELD = "held"


class Account(StrEnum):
    CUSTOMER_PAYMENTS = "customer_payments"
    PLATFORM_FEES = "platform_fees"
    SHIPPING = "shipping"
    PAYOUTS = "payouts"
    HELD_PAYMENTS = "held_payments"


def maker_account(maker_id: int) -> str:
    """The account holding what the platform owes one maker."""
    return f"maker:{maker_id}"


class PayoutMethod(StrEnum):
    BANK = "bank"
    EWALLET = "ewallet"
    CASH = "cash"


EWALLETS = ("GoPay", "OVO", "DANA")


class LedgerError(Exception):
    """A programming error: an unbalanced posting group or an attempt to rewrite history."""


class LedgerTransaction(Base):
    __tablename__ = "ledger_transaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "sale:<order id>", "refund:<gateway refund id>", "payout:<payout id>": no double posting.
    reference: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    payout_id: Mapped[int | None] = mapped_column(ForeignKey("payout.id"), index=True)
    memo: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )

    entries: Mapped[list["LedgerEntry"]] = relationship(back_populates="transaction")

    def add(
        self,
        account: str,
        amount_idr: int,
        *,
        maker_id: int | None = None,
        order_line_id: int | None = None,
    ) -> None:
        """Append one leg; zero legs are left out so statements stay short."""
        if amount_idr:
            entry = LedgerEntry(
                account=account,
                amount_idr=amount_idr,
                maker_id=maker_id,
                order_line_id=order_line_id,
            )
            self.entries.append(entry)

    def check_balanced(self) -> None:
        """Raise unless the legs sum to zero: no rupiah is created or lost."""
        total = sum(entry.amount_idr for entry in self.entries)
        if total != 0 or not self.entries:
            raise LedgerError(f"posting {self.reference} does not balance ({total})")


class LedgerEntry(Base):
    __tablename__ = "ledger_entry"
    __table_args__ = (
        CheckConstraint("amount_idr <> 0", name="amount_not_zero"),
        Index("ix_ledger_entry_account_tx", "account", "transaction_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transaction.id"), index=True)
    account: Mapped[str] = mapped_column(String(40))
    maker_id: Mapped[int | None] = mapped_column(ForeignKey("maker.id"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"), index=True)
    # Signed: positive on a maker's account is money the platform owes her.
    amount_idr: Mapped[int] = mapped_column()

    transaction: Mapped[LedgerTransaction] = relationship(back_populates="entries")


class Payout(Base):
    __tablename__ = "payout"
    __table_args__ = (CheckConstraint("amount_idr > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), index=True)
    amount_idr: Mapped[int] = mapped_column()
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(10))
    # Bank name or e-wallet (GoPay, OVO, DANA); empty for cash.
    provider: Mapped[str] = mapped_column(String(40), default="")
    reference: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# Running monthly totals (earnings.month_totals posts them with each ledger transaction).
class MakerMonth(Base):
    __tablename__ = "maker_month"

    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)
    income_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    units: Mapped[int] = mapped_column(BigInteger, default=0)
    plastic_grams: Mapped[int] = mapped_column(BigInteger, default=0)


class LedgerMonth(Base):
    __tablename__ = "ledger_month"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    orders_paid: Mapped[int] = mapped_column(BigInteger, default=0)
    sales_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    refunds_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    platform_fees_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_out_idr: Mapped[int] = mapped_column(BigInteger, default=0)


def _refuse_change(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    raise LedgerError(f"{type(target).__name__} rows are append-only")


# Money history is never rewritten: corrections are new postings. PostgreSQL enforces it too (0007).
for _model in (LedgerTransaction, LedgerEntry, Payout):
    event.listen(_model, "before_update", _refuse_change)
    event.listen(_model, "before_delete", _refuse_change)


@event.listens_for(Session, "before_flush")
def _check_new_postings(session: Session, flush_context: UOWTransaction, instances: object) -> None:
    for obj in session.new:
        if isinstance(obj, LedgerTransaction):
            obj.check_balanced()
        elif isinstance(obj, LedgerEntry) and obj.transaction not in session.new:
            raise LedgerError("a posted transaction cannot gain legs")


# Migration 0017: payouts by maker, the keyset-paginated history, postings of a kind in a period.
Index("ix_payout_maker_paid", Payout.maker_id, Payout.paid_on, Payout.id)
Index("ix_payout_paid_id", Payout.paid_on, Payout.id)
Index("ix_ledger_transaction_kind_created", LedgerTransaction.kind, LedgerTransaction.created_at)
