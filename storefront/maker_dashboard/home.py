"""The maker's home page (/maker/); the earnings work turns it into her sales dashboard."""

from flask import render_template

from storefront.auth.access import current_maker, maker_required
from storefront.maker_dashboard import bp


@bp.get("/")
@maker_required
def home():
    return render_template("maker/home.html", maker=current_maker())
