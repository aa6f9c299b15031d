"""The maker chooses what the public and the sponsor see of her."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.auth.access import maker_required
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker
from storefront.makers.forms import PrivacyForm
from storefront.makers.services import update_privacy


@bp.route("/privacy", methods=["GET", "POST"])
@maker_required
def privacy_edit():
    maker = current_maker()
    form = PrivacyForm(obj=maker)
    if form.validate_on_submit():
        update_privacy(maker, form.data, actor_id=current_user.id)
        flash(_("Saved. This is what customers see now."), "success")
        return redirect(url_for("maker_dashboard.privacy_edit"))
    status = 400 if form.is_submitted() else 200
    return render_template("maker/privacy.html", form=form, maker=maker), status
