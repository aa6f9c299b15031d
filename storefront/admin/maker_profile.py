"""Admin: a maker's story and portrait: edit them directly, or approve or refuse her change."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.makers import services
from storefront.makers.forms import ProfileForm, ProfileReviewForm
from storefront.makers.models import Maker


@bp.route("/makers/<int:maker_id>/profile", methods=["GET", "POST"])
@admin_required
def maker_profile(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    form = ProfileForm()
    if not form.is_submitted():
        form.story_id.data, form.story_en.data = maker.story_id, maker.story_en
    if form.validate_on_submit():
        try:
            services.update_profile_as_admin(
                maker,
                form.story_id.data or "",
                form.story_en.data or "",
                form.portrait_file(),
                admin_id=current_user.id,
            )
        except services.ProfileError as error:
            form.portrait.errors = [*form.portrait.errors, error.message]
        else:
            flash(_("Saved. This is what customers see now."), "success")
            return redirect(url_for("admin.maker_profile", maker_id=maker.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "admin/maker_profile.html",
        maker=maker,
        form=form,
        approve_form=EmptyForm(),
        reject_form=ProfileReviewForm(formdata=None),
    ), status


@bp.post("/makers/<int:maker_id>/profile/approve")
@admin_required
def maker_profile_approve(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    if EmptyForm().validate_on_submit():
        services.approve_profile(maker, admin_id=current_user.id)
        flash(_("Approved: customers see her new story now."), "success")
    return redirect(url_for("admin.listing_queue"))


@bp.post("/makers/<int:maker_id>/profile/reject")
@admin_required
def maker_profile_reject(maker_id: int):
    maker = db.get_or_404(Maker, maker_id)
    form = ProfileReviewForm()
    if not form.validate_on_submit():
        flash(_("Write the reason, so she knows what to change."), "error")
        return redirect(url_for("admin.maker_profile", maker_id=maker.id))
    services.reject_profile(maker, admin_id=current_user.id, reason=form.reason.data or "")
    flash(_("Sent back to her with your reason."), "success")
    return redirect(url_for("admin.listing_queue"))
