"""Admin: the content pages (contact, shipping and returns, privacy, terms) in both languages."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.pages.forms import PageForm
from storefront.pages.models import PAGE_SLUGS
from storefront.pages.services import page_text, save_page


@bp.get("/pages/")
@admin_required
def pages():
    return render_template("admin/pages/list.html", pages=[page_text(s) for s in PAGE_SLUGS])


@bp.route("/pages/<slug>", methods=["GET", "POST"])
@admin_required
def page_edit(slug: str):
    page = page_text(slug)
    if page is None:
        abort(404)
    form = PageForm(obj=page)
    if form.validate_on_submit():
        save_page(slug, form.data, actor_id=current_user.id)
        flash(_("Saved. This is what customers see now."), "success")
        return redirect(url_for("admin.page_edit", slug=slug))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/pages/edit.html", page=page, form=form), status
