"""Her made-to-order work: how many she can make a week, and what to make next, in order."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional

from storefront.auth.access import maker_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.forms import BaseForm
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker
from storefront.orders import making
from storefront.orders.models import OrderLine


class CapacityForm(BaseForm):
    weekly_capacity = IntegerField(
        _l("How many pieces can you make in a week? (empty: no limit)"),
        validators=[Optional(), NumberRange(1, 500)],
    )


@bp.route("/making", methods=["GET", "POST"])
@maker_required
def making_list():
    maker = current_maker()
    form = CapacityForm(obj=maker)
    if form.validate_on_submit():
        making.set_capacity(maker, form.weekly_capacity.data)
        flash(_("Saved. New orders get their dates from this."), "success")
        return redirect(url_for("maker_dashboard.making_list"))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "maker/making.html",
        form=form,
        items=making.to_make(maker.id),
        done_form=EmptyForm(),
    ), status


@bp.post("/making/<int:line_id>/made")
@maker_required
def making_done(line_id: int):
    maker = current_maker()
    line = db.session.get(OrderLine, line_id)
    if line is None or line.maker_id != maker.id or not line.is_made_to_order:
        abort(404)
    if EmptyForm().validate_on_submit():
        making.mark_made(line)
        flash(_("Well done! It is off your list."), "success")
    return redirect(url_for("maker_dashboard.making_list"))
