"""Admins can set a maker's privacy choices for her (many makers ask staff to do it)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.extensions import db
from storefront.makers.forms import PrivacyForm
from storefront.makers.models import Maker
from storefront.makers.services import update_privacy


@bp.route("/makers/<int:maker_id>/privacy", methods=["GET", "POST"])
@admin_required
def maker_privacy_edit(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    form = PrivacyForm(obj=maker)
    if form.validate_on_submit():
        update_privacy(maker, form.data, actor_id=current_user.id)
        flash(_("Privacy choices saved for %(name)s.", name=maker.full_name), "success")
        return redirect(url_for("admin.maker_privacy_edit", maker_id=maker.id))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/maker_privacy.html", form=form, maker=maker), status
