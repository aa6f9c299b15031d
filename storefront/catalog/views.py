"""Public catalog: home page, product list with filters, product detail."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.catalog import queries
from storefront.catalog.filters import parse_filters
from storefront.catalog.forms import MakeRequestForm
from storefront.catalog.services import create_make_request
from storefront.extensions import csrf, db
from storefront.i18n import current_locale
from storefront.makers.fees import price_breakdown
from storefront.security import check_same_origin_or_token

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
    )


@bp.get("/products/<slug>")
def product_detail(slug: str):
    product = queries.visible_product_by_slug(slug)
    if product is None:
        abort(404)
    return _render_detail(product)


def _render_detail(product, request_form: MakeRequestForm | None = None, status: int = 200):
    return render_template(
        "catalog/product_detail.html",
        product=product,
        more=queries.more_from_maker(product),
        breakdown=price_breakdown(product.price_idr, product.maker),
        request_form=request_form or MakeRequestForm(formdata=None),
    ), status


@bp.post("/products/<slug>/request")
@csrf.exempt  # guests ask from the cached product page, without a token: checked by origin
def make_request(slug: str):
    """A customer asks the maker (through the admin) to make another of a product that is gone."""
    check_same_origin_or_token()
    product = queries.visible_product_by_slug(slug)
    if product is None or not product.maker.accepts_requests or product.is_made_to_order:
        abort(404)
    form = MakeRequestForm()
    if not form.validate_on_submit():
        return _render_detail(product, request_form=form, status=400)
    create_make_request(
        product,
        name=form.name.data or "",
        whatsapp=form.whatsapp.data or "",
        email=form.email.data or "",
        message=form.message.data or "",
        locale=current_locale(),
    )
    flash(_("Thank you! The shop team passes your request on to the maker."), "success")
    return redirect(url_for("catalog.product_detail", slug=product.slug))
