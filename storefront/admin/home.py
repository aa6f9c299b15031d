"""The admin home page (/admin/): links to every admin area."""

from flask import render_template

from storefront.admin import bp
from storefront.auth.access import admin_required


@bp.get("/")
@admin_required
def home():
    return render_template("admin/home.html")
