"""The maker's story (both languages) and portrait: her change waits for an admin's review."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.auth.access import maker_required
from storefront.maker_dashboard import bp
from storefront.makers import services
from storefront.makers.access import current_maker
from storefront.makers.forms import ProfileForm


@bp.route("/profile", methods=["GET", "POST"])
@maker_required
def profile_edit():
    maker = current_maker()
    form = ProfileForm()
    if not form.is_submitted():
        form.story_id.data = maker.pending_story_id or maker.story_id
        form.story_en.data = (
            maker.pending_story_en if maker.pending_story_id is not None else maker.story_en
        )
    if form.validate_on_submit():
        try:
            changed = services.submit_profile(
                maker,
                form.story_id.data or "",
                form.story_en.data or "",
                form.portrait_file(),
                actor_id=current_user.id,
            )
        except services.ProfileError as error:
            form.portrait.errors = [*form.portrait.errors, error.message]
        else:
            if changed:
                flash(
                    _("Sent for review. Customers see the change once an admin approves it."),
                    "success",
                )
            else:
                flash(_("Nothing changed."), "info")
            return redirect(url_for("maker_dashboard.profile_edit"))
    status = 400 if form.is_submitted() else 200
    return render_template("maker/profile.html", form=form, maker=maker), status
