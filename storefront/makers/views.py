"""Public maker pages: the list of makers and each maker's story and products."""

from flask import Blueprint, abort, redirect, render_template, url_for

from storefront.catalog import queries
from storefront.impact.queries import products_found_a_home

bp = Blueprint("makers", __name__)


@bp.get("/makers")
def maker_list():
    return render_template("makers/maker_list.html", makers=queries.makers_with_counts())


@bp.get("/makers/<slug>")
def maker_detail(slug: str):
    maker = queries.active_maker_by_slug(slug)
    if maker is None:
        moved_to = queries.maker_slug_moved_to(slug)
        if moved_to is None:
            abort(404)
        return redirect(url_for("makers.maker_detail", slug=moved_to), 301)
    sold = products_found_a_home(maker.id) if maker.shows_sales_count else None
    return render_template(
        "makers/maker_detail.html", maker=maker, products=queries.maker_products(maker), sold=sold
    )
