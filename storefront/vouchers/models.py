"""Voucher codes, the sponsor campaigns that may fund them, and each order's use of a code."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.database import Base, utcnow


class VoucherKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class FundedBy(StrEnum):
    # The shop gives up part of its fee income (posted to the shop-discounts account); the makers'
    # shares are computed on the full price either way.
    SHOP = "shop"
    SPONSOR = "sponsor"  # a sponsor's campaign budget, posted to that campaign's own account


SHOP_DISCOUNTS_ACCOUNT = "shop_discounts"


def sponsor_account(campaign_id: int) -> str:
    """The ledger account of one sponsor campaign's spend."""
    return f"sponsor:{campaign_id}"


class SponsorCampaign(Base):
    __tablename__ = "sponsor_campaign"
    __table_args__ = (
        CheckConstraint("budget_idr > 0", name="budget_positive"),
        CheckConstraint("committed_idr >= 0", name="committed_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    budget_idr: Mapped[int] = mapped_column()
    # Discounts of placed orders (pending or paid); taken with a conditional UPDATE so two
    # checkouts cannot spend past the budget, given back when an unpaid order is cancelled.
    committed_idr: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Voucher(Base):
    __tablename__ = "voucher"
    __table_args__ = (CheckConstraint("used_count >= 0", name="used_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # stored upper-case
    kind: Mapped[str] = mapped_column(String(10))
    percent: Mapped[int] = mapped_column(default=0)  # 1..100 for PERCENT
    amount_idr: Mapped[int] = mapped_column(default=0)  # for FIXED
    min_order_idr: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    max_uses: Mapped[int | None] = mapped_column()
    per_buyer_limit: Mapped[int | None] = mapped_column()
    used_count: Mapped[int] = mapped_column(default=0)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    maker_id: Mapped[int | None] = mapped_column(ForeignKey("maker.id"))
    funded_by: Mapped[str] = mapped_column(String(10), default=FundedBy.SHOP)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor_campaign.id"))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    campaign: Mapped[SponsorCampaign | None] = relationship()

    @property
    def ledger_account(self) -> str:
        """Which account pays this voucher's discounts: never a maker's."""
        if self.funded_by == FundedBy.SPONSOR and self.campaign_id is not None:
            return sponsor_account(self.campaign_id)
        return SHOP_DISCOUNTS_ACCOUNT


class VoucherRedemption(Base):
    """One order's use of a code (deleted again if that order is cancelled unpaid)."""

    __tablename__ = "voucher_redemption"

    id: Mapped[int] = mapped_column(primary_key=True)
    voucher_id: Mapped[int] = mapped_column(ForeignKey("voucher.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discount_idr: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
