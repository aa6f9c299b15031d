"""Admin: the rate table of the approximate prices shown to visitors abroad."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Regexp

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.currency import SHOP_CODE, all_rates, choices, delete_rate, set_rate
from storefront.forms import BaseForm


class RateForm(BaseForm):
    code = StringField(
        _l("Currency code (3 letters, e.g. USD)"),
        validators=[
            InputRequired(),
            Length(min=3, max=3),
            Regexp(r"^[A-Za-z]{3}$", message=_l("Three letters, like USD.")),
        ],
    )
    idr_per_unit = IntegerField(
        _l("Rupiah for one unit"),
        validators=[InputRequired(), NumberRange(1, 100_000_000)],
    )


def _page(form: RateForm, status: int = 200):
    return render_template(
        "admin/currencies.html",
        form=form,
        rates=all_rates(),
        offered=choices(),
        delete_form=EmptyForm(),
    ), status


@bp.route("/currencies/", methods=["GET", "POST"])
@admin_required
def currencies():
    form = RateForm()
    if not form.validate_on_submit():
        return _page(form, 400 if form.is_submitted() else 200)
    if form.code.data.upper() == SHOP_CODE:
        form.code.errors = [_("Prices are in rupiah already.")]
        return _page(form, 400)
    rate = set_rate(form.code.data, form.idr_per_unit.data)
    flash(_("Rate for %(code)s saved.", code=rate.code), "success")
    return redirect(url_for("admin.currencies"))


@bp.post("/currencies/<code>/delete")
@admin_required
def currency_delete(code: str):
    if EmptyForm().validate_on_submit():
        delete_rate(code)
        flash(_("Rate removed."), "success")
    return redirect(url_for("admin.currencies"))
