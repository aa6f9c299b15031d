"""Admins set a maker's own platform fee (the rule the ledger and the price breakdown apply)."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.makers.forms import FeeForm
from storefront.makers.models import Maker
from storefront.makers.services import set_fee


@bp.route("/makers/<int:maker_id>/fee", methods=["GET", "POST"])
@admin_required
def maker_fee_edit(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    form = FeeForm()
    if not form.is_submitted():
        form.uses_default.data = maker.fee_bps is None
        form.fee_percent.data = "" if maker.fee_bps is None else f"{maker.fee_bps / 100:g}"
    if form.validate_on_submit():
        try:
            set_fee(maker, form.fee_bps, actor_id=current_user.id)
        except DomainError as error:
            form.fee_percent.errors = [error.message]
        else:
            flash(_("Fee saved for %(name)s.", name=maker.full_name), "success")
            return redirect(url_for("admin.maker_fee_edit", maker_id=maker.id))
    status = 400 if form.is_submitted() else 200
    default_percent = current_app.config["PLATFORM_FEE_BPS"] / 100
    return render_template(
        "admin/maker_fee.html", form=form, maker=maker, default_percent=default_percent
    ), status
