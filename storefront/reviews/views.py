"""The buyer's review page (reached from her order link, no account needed) and the public list."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.catalog.filters import parse_page
from storefront.catalog.queries import visible_product_by_slug
from storefront.errors import DomainError
from storefront.extensions import db, limiter
from storefront.orders.models import OrderLine
from storefront.orders.views import order_by_token
from storefront.reviews import queries, services
from storefront.reviews.forms import ReviewForm

bp = Blueprint("reviews", __name__)


@bp.route("/orders/<token>/review/<int:line_id>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def review_new(token: str, line_id: int):
    order = order_by_token(token)
    line = db.session.get(OrderLine, line_id)
    if line is None or line.order_id != order.id:
        abort(404)
    form = ReviewForm()
    try:
        services.check_may_review(order, line)
    except DomainError as error:
        return render_template("reviews/refused.html", order=order, message=error.message), 403
    if form.validate_on_submit():
        try:
            services.submit_review(
                order,
                line,
                rating=int(form.rating.data),
                body=form.body.data or "",
                photo=_upload(form.photo.data),
            )
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(str(error.message))
        else:
            flash(_("Thank you! Your review will appear once we have read it."), "success")
            return redirect(url_for("orders.order_view", token=order.token))
    status = 400 if request.method == "POST" else 200
    return render_template("reviews/new.html", order=order, line=line, form=form), status


@bp.get("/products/<slug>/reviews")
def review_list(slug: str):
    product = visible_product_by_slug(slug)
    if product is None:
        abort(404)
    page = parse_page(request.args.get("page"))
    pagination = queries.page_for(product.id, page)
    if page > max(pagination.pages, 1):
        abort(404)
    return render_template("reviews/list.html", product=product, pagination=pagination)


def _upload(data):
    """The uploaded file's stream, or None when the field was left empty."""
    return data.stream if data is not None and getattr(data, "filename", None) else None
