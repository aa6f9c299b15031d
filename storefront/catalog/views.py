"""Public catalog: home page, product list with filters, product detail."""

from flask import Blueprint, abort, current_app, render_template, request

from storefront.catalog import queries
from storefront.catalog.filters import parse_filters
from storefront.extensions import db
from storefront.makers.fees import price_breakdown

bp = Blueprint("catalog", __name__)


@bp.get("/")
def home():
    return render_template(
        "catalog/home.html",
        featured=queries.featured_products(8),
        makers=queries.makers_with_counts(limit=6),
        categories=queries.categories(),
    )


@bp.get("/products")
def product_list():
    parsed = parse_filters(request.args)
    pagination = db.paginate(
        queries.filtered_products(parsed.filters),
        page=parsed.page,
        per_page=current_app.config["PRODUCTS_PER_PAGE"],
        error_out=False,
    )
    if parsed.page > max(pagination.pages, 1):
        abort(404)
    return render_template(
        "catalog/product_list.html",
        pagination=pagination,
        filters=parsed.filters,
        notices=parsed.notices,
        suggestion=None if pagination.total else queries.suggested_query(parsed.filters),
        categories=queries.categories(),
        makers=queries.maker_choices(),
    )


@bp.get("/products/<slug>")
def product_detail(slug: str):
    product = queries.visible_product_by_slug(slug)
    if product is None:
        abort(404)
    return render_template(
        "catalog/product_detail.html",
        product=product,
        more=queries.more_from_maker(product),
        breakdown=price_breakdown(product.price_idr, product.maker),
    )
