"""Admins hide a maker (and with her, all her listings) from the public shop, or show her again."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.makers.services import set_shown_in_shop


@bp.post("/makers/<int:maker_id>/visibility")
@admin_required
def maker_visibility_set(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    choice = request.form.get("choice")
    if not EmptyForm().validate_on_submit() or choice not in ("show", "hide"):
        abort(400)
    set_shown_in_shop(maker, choice == "show", actor_id=current_user.id)
    if choice == "show":
        flash(
            _("%(name)s and her products are in the shop again.", name=maker.full_name), "success"
        )
    else:
        flash(
            _("%(name)s and her products are hidden from the shop.", name=maker.full_name),
            "success",
        )
    if maker.user_id:
        return redirect(url_for("admin.user_detail", user_id=maker.user_id))
    return redirect(url_for("admin.users"))
