"""Public content pages: /pages/<slug>."""

from flask import Blueprint, abort, render_template

from storefront.pages.services import page_text

bp = Blueprint("pages", __name__)


@bp.get("/pages/<slug>")
def page_view(slug: str):
    page = page_text(slug)
    if page is None:
        abort(404)
    return render_template("pages/page.html", page=page)
