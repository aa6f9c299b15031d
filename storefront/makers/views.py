"""Public maker pages: the list of makers and each maker's story and products."""

from flask import Blueprint, abort, redirect, render_template, request, url_for

from storefront.catalog import queries
from storefront.extensions import db
from storefront.impact.queries import products_found_a_home
from storefront.validation import parse_page

bp = Blueprint("makers", __name__)
MAKERS_PER_PAGE = 48


@bp.get("/makers")
def maker_list():
    pagination = db.paginate(
        queries.listed_makers(),
        page=parse_page(request.args.get("page")),
        per_page=MAKERS_PER_PAGE,
        error_out=False,
    )
    if pagination.page > max(pagination.pages, 1):
        abort(404)
    counts = queries.live_counts([maker.id for maker in pagination.items])
    makers = [(maker, counts.get(maker.id, 0)) for maker in pagination.items]
    return render_template("makers/maker_list.html", pagination=pagination, makers=makers)


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
        "makers/maker_detail.html",
        maker=maker,
        products=queries.maker_products(maker),
        shown_limit=queries.MAKER_PAGE_PRODUCTS,
        sold=sold,
    )
