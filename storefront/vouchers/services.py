"""Voucher rules: which code applies to which cart, for how much, and taking one of its uses.

Every amount is computed here on the server from the products' prices; the browser only sends the
code. A use (and a sponsor campaign's budget) is taken with a conditional UPDATE, so buyers racing
for a code's last use cannot all win, on SQLite and PostgreSQL alike."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _
from sqlalchemy import case, delete, func, select, update

from storefront.catalog.models import Product
from storefront.database import as_utc, rows_matched, utcnow
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.money import format_idr
from storefront.vouchers.models import (
    FundedBy,
    SponsorCampaign,
    Voucher,
    VoucherKind,
    VoucherRedemption,
)


class VoucherRefused(DomainError):
    """The code does not apply to this order; the message says why."""


class VoucherUsedUp(VoucherRefused):
    """Someone else used the code's last use (or the campaign's last budget) first."""

    status_code = Conflict.status_code


@dataclass(frozen=True)
class PricedLine:
    product: Product
    line_total_idr: int


@dataclass(frozen=True)
class Discount:
    voucher: Voucher
    amount_idr: int

    @property
    def code(self) -> str:
        return self.voucher.code

    @property
    def ledger_account(self) -> str:
        return self.voucher.ledger_account


def normalise_code(code: str | None) -> str:
    return "".join((code or "").split()).upper()[:40]


def find_voucher(code: str) -> Voucher | None:
    return db.session.scalar(select(Voucher).where(Voucher.code == normalise_code(code)))


def _eligible(voucher: Voucher, product: Product) -> bool:
    if voucher.category_id is not None and product.category_id != voucher.category_id:
        return False
    return voucher.maker_id is None or product.maker_id == voucher.maker_id


def discount_amount(voucher: Voucher, lines: Sequence[PricedLine]) -> int:
    """Rupiah off the items (never the shipping), on the lines the voucher covers."""
    eligible = sum(line.line_total_idr for line in lines if _eligible(voucher, line.product))
    if voucher.kind == VoucherKind.PERCENT:
        return eligible * voucher.percent // 100  # rounded down: never more than promised
    return min(voucher.amount_idr, eligible)


def buyer_uses(voucher: Voucher, email: str, user_id: int | None) -> int:
    who = VoucherRedemption.email == email.strip().lower()
    if user_id is not None:
        who = who | (VoucherRedemption.user_id == user_id)
    return int(
        db.session.scalar(
            select(func.count(VoucherRedemption.id)).where(
                VoucherRedemption.voucher_id == voucher.id, who
            )
        )
        or 0
    )


def check_voucher(
    code: str,
    lines: Sequence[PricedLine],
    *,
    email: str = "",
    user_id: int | None = None,
    now: datetime | None = None,
) -> Discount:
    """The discount this code gives these lines, or VoucherRefused saying why not."""
    voucher = find_voucher(code)
    now = now or utcnow()
    if voucher is None or not voucher.is_active:
        raise VoucherRefused(_("That voucher code is not valid."))
    if voucher.starts_at is not None and now < as_utc(voucher.starts_at):
        raise VoucherRefused(_("That voucher code is not valid yet."))
    if voucher.ends_at is not None and now >= as_utc(voucher.ends_at):
        raise VoucherRefused(_("That voucher code has expired."))
    if voucher.max_uses is not None and voucher.used_count >= voucher.max_uses:
        raise VoucherUsedUp(_("That voucher code has been used up."))
    subtotal = sum(line.line_total_idr for line in lines)
    if subtotal < voucher.min_order_idr:
        raise VoucherRefused(
            _(
                "This voucher needs an order of at least %(minimum)s.",
                minimum=format_idr(voucher.min_order_idr),
            )
        )
    if (
        (email or user_id is not None)
        and voucher.per_buyer_limit is not None
        and buyer_uses(voucher, email, user_id) >= voucher.per_buyer_limit
    ):
        raise VoucherRefused(_("You have already used this voucher code."))
    amount = discount_amount(voucher, lines)
    if amount <= 0:
        raise VoucherRefused(_("This voucher does not apply to anything in your cart."))
    return Discount(voucher=voucher, amount_idr=amount)


def take_use(discount: Discount, order_id: int, email: str, user_id: int | None) -> None:
    """Take one use of the code (and its discount from a sponsor budget) for the order, inside
    the caller's transaction; VoucherUsedUp if the last use or budget went first. No commit."""
    voucher = discount.voucher
    used = db.session.execute(
        update(Voucher)
        .where(
            Voucher.id == voucher.id,
            (Voucher.max_uses.is_(None)) | (Voucher.used_count < Voucher.max_uses),
        )
        .values(used_count=Voucher.used_count + 1)
        .execution_options(synchronize_session=False)
    )
    if rows_matched(used) != 1:
        raise VoucherUsedUp(_("Sorry, that voucher code was just used up by someone else."))
    # Re-counted under the voucher row's lock (taken by the UPDATE above; SQLite serialises
    # writers): the same buyer in two tabs cannot pass her limit.
    if voucher.per_buyer_limit is not None and (
        buyer_uses(voucher, email, user_id) >= voucher.per_buyer_limit
    ):
        raise VoucherRefused(_("You have already used this voucher code."))
    if voucher.funded_by == FundedBy.SPONSOR and voucher.campaign_id is not None:
        spent = db.session.execute(
            update(SponsorCampaign)
            .where(
                SponsorCampaign.id == voucher.campaign_id,
                SponsorCampaign.committed_idr + discount.amount_idr <= SponsorCampaign.budget_idr,
            )
            .values(committed_idr=SponsorCampaign.committed_idr + discount.amount_idr)
            .execution_options(synchronize_session=False)
        )
        if rows_matched(spent) != 1:
            raise VoucherUsedUp(_("Sorry, this voucher's campaign has no budget left."))
    db.session.add(
        VoucherRedemption(
            voucher_id=voucher.id,
            order_id=order_id,
            email=email.strip().lower(),
            user_id=user_id,
            discount_idr=discount.amount_idr,
        )
    )


def release_use(order_id: int) -> None:
    """An unpaid order was cancelled: give its use (and sponsor budget) back. No commit."""
    redemption = db.session.scalar(
        select(VoucherRedemption).where(VoucherRedemption.order_id == order_id)
    )
    if redemption is None:
        return
    voucher = db.session.get(Voucher, redemption.voucher_id)
    db.session.execute(
        update(Voucher)
        .where(Voucher.id == redemption.voucher_id, Voucher.used_count > 0)
        .values(used_count=Voucher.used_count - 1)
        .execution_options(synchronize_session=False)
    )
    if voucher is not None and voucher.campaign_id is not None:
        _commit_budget(voucher.campaign_id, -redemption.discount_idr)
    db.session.execute(
        delete(VoucherRedemption)
        .where(VoucherRedemption.id == redemption.id)
        .execution_options(synchronize_session=False)
    )


def retake_use(order_id: int, voucher_code: str, discount_idr: int, email: str) -> None:
    """A cancelled order was paid after all (at its discounted price): count its use again, even
    past the limit, since the buyer was promised it. No commit."""
    voucher = find_voucher(voucher_code) if voucher_code else None
    if voucher is None or db.session.scalar(
        select(VoucherRedemption.id).where(VoucherRedemption.order_id == order_id)
    ):
        return
    db.session.execute(
        update(Voucher)
        .where(Voucher.id == voucher.id)
        .values(used_count=Voucher.used_count + 1)
        .execution_options(synchronize_session=False)
    )
    if voucher.campaign_id is not None:
        _commit_budget(voucher.campaign_id, discount_idr)
    db.session.add(
        VoucherRedemption(
            voucher_id=voucher.id, order_id=order_id, email=email, discount_idr=discount_idr
        )
    )


def _commit_budget(campaign_id: int, amount_idr: int) -> None:
    new = SponsorCampaign.committed_idr + amount_idr
    db.session.execute(
        update(SponsorCampaign)
        .where(SponsorCampaign.id == campaign_id)
        .values(committed_idr=case((new < 0, 0), else_=new))
        .execution_options(synchronize_session=False)
    )


def create_campaign(name: str, budget_idr: int) -> SponsorCampaign:
    """A sponsor's campaign with its budget for discounts; commits."""
    if not name.strip():
        raise DomainError(_("Give the campaign a name."))
    if budget_idr <= 0:
        raise DomainError(_("The budget must be more than zero."))
    campaign = SponsorCampaign(name=name.strip()[:120], budget_idr=budget_idr)
    db.session.add(campaign)
    db.session.commit()
    return campaign


def create_voucher(
    code: str,
    *,
    kind: str,
    percent: int = 0,
    amount_idr: int = 0,
    min_order_idr: int = 0,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    max_uses: int | None = None,
    per_buyer_limit: int | None = None,
    category_id: int | None = None,
    maker_id: int | None = None,
    campaign_id: int | None = None,
) -> Voucher:
    """A new code; who pays its discounts is explicit (a campaign, else the shop). Commits."""
    code = normalise_code(code)
    if not code:
        raise DomainError(_("Enter a code."))
    if find_voucher(code) is not None:
        raise Conflict(_("That code exists already."))
    if kind == VoucherKind.PERCENT and not 1 <= percent <= 100:
        raise DomainError(_("A percentage is from 1 to 100."))
    if kind == VoucherKind.FIXED and amount_idr <= 0:
        raise DomainError(_("The amount must be more than zero."))
    if kind not in set(VoucherKind):
        raise DomainError(_("Choose percentage or fixed amount."))
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."))
    if campaign_id is not None and db.session.get(SponsorCampaign, campaign_id) is None:
        raise DomainError(_("Choose a campaign."))
    voucher = Voucher(
        code=code,
        kind=kind,
        percent=percent if kind == VoucherKind.PERCENT else 0,
        amount_idr=amount_idr if kind == VoucherKind.FIXED else 0,
        min_order_idr=min_order_idr,
        starts_at=starts_at,
        ends_at=ends_at,
        max_uses=max_uses,
        per_buyer_limit=per_buyer_limit,
        category_id=category_id,
        maker_id=maker_id,
        funded_by=FundedBy.SPONSOR if campaign_id is not None else FundedBy.SHOP,
        campaign_id=campaign_id,
    )
    db.session.add(voucher)
    db.session.commit()
    return voucher


def set_voucher_active(voucher: Voucher, is_active: bool) -> None:
    """Stop (or restart) a code; orders already placed keep their discount. Commits."""
    voucher.is_active = is_active
    db.session.commit()


def all_vouchers() -> list[Voucher]:
    return list(db.session.scalars(select(Voucher).order_by(Voucher.created_at.desc())))


def all_campaigns() -> list[SponsorCampaign]:
    return list(db.session.scalars(select(SponsorCampaign).order_by(SponsorCampaign.name)))
