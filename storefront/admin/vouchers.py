"""Admin: voucher codes and the sponsor campaigns that may pay for them."""

from datetime import date, datetime, time

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from storefront.admin import bp
from storefront.admin.voucher_forms import CampaignForm, VoucherForm
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.catalog.models import Category
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.money import read_idr
from storefront.shop import TIMEZONE
from storefront.validation import parse_id
from storefront.vouchers import services
from storefront.vouchers.models import Voucher


def _page(voucher_form: VoucherForm, campaign_form: CampaignForm, status: int = 200):
    return render_template(
        "admin/vouchers.html",
        form=voucher_form,
        campaign_form=campaign_form,
        vouchers=services.all_vouchers(),
        campaigns=services.all_campaigns(),
        toggle_form=EmptyForm(),
    ), status


def _voucher_form() -> VoucherForm:
    form = VoucherForm()
    form.fill_choices(
        db.session.scalars(select(Category).order_by(Category.position)),
        db.session.scalars(select(Maker).order_by(Maker.full_name)),
        services.all_campaigns(),
    )
    return form


def _start(day: date | None) -> datetime | None:
    """Midnight in Jakarta: codes start and end with the shop's day."""
    return datetime.combine(day, time(), TIMEZONE) if day else None


@bp.route("/vouchers/", methods=["GET", "POST"])
@admin_required
def vouchers():
    form = _voucher_form()
    if not form.validate_on_submit():
        return _page(form, CampaignForm(formdata=None), 400 if form.is_submitted() else 200)
    try:
        services.create_voucher(
            form.code.data,
            kind=form.kind.data,
            percent=form.percent.data or 0,
            amount_idr=read_idr(form.amount.data) if form.amount.data else 0,
            min_order_idr=read_idr(form.min_order.data) if form.min_order.data else 0,
            starts_at=_start(form.starts_on.data),
            ends_at=_start(form.ends_on.data),
            max_uses=form.max_uses.data,
            per_buyer_limit=form.per_buyer_limit.data,
            category_id=parse_id(form.category.data),
            maker_id=parse_id(form.maker.data),
            campaign_id=parse_id(form.campaign.data),
        )
    except DomainError as error:
        form.code.errors = [error.message]
        return _page(form, CampaignForm(formdata=None), error.status_code)
    flash(_("Voucher %(code)s created.", code=form.code.data.upper()), "success")
    return redirect(url_for("admin.vouchers"))


@bp.post("/vouchers/campaigns")
@admin_required
def campaign_new():
    form = CampaignForm()
    if form.validate_on_submit():
        try:
            services.create_campaign(form.name.data, form.budget_idr)
        except DomainError as error:
            form.name.errors = [error.message]
        else:
            flash(_("Campaign %(name)s created.", name=form.name.data), "success")
            return redirect(url_for("admin.vouchers"))
    return _page(_voucher_form(), form, 400)


@bp.post("/vouchers/<int:voucher_id>/active")
@admin_required
def voucher_toggle(voucher_id: int):
    voucher = db.get_or_404(Voucher, voucher_id)
    if EmptyForm().validate_on_submit():
        services.set_voucher_active(voucher, not voucher.is_active)
        flash(_("Voucher %(code)s saved.", code=voucher.code), "success")
    return redirect(url_for("admin.vouchers"))
