"""The maker's reviews page (/maker/reviews): the public reviews of her products; her reply."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from storefront.auth.access import maker_required
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker
from storefront.reviews import queries, services
from storefront.reviews.forms import ReplyForm
from storefront.reviews.models import Review


@bp.get("/reviews")
@maker_required
def review_list():
    maker = current_maker()
    return render_template(
        "maker/reviews.html", reviews=queries.for_maker(maker.id), form=ReplyForm(), failed=None
    )


@bp.post("/reviews/<int:review_id>/reply")
@maker_required
def review_reply(review_id: int):
    maker = current_maker()
    review = db.session.get(Review, review_id)
    if review is None or review.product.maker_id != maker.id:
        abort(404)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            services.reply(review, maker, form.body.data)
        except DomainError as error:
            db.session.rollback()
            form.body.errors = [*form.body.errors, str(error.message)]
        else:
            flash(_("Thank you: your reply will appear once it has been read."), "success")
            return redirect(url_for(".review_list"))
    return render_template(
        "maker/reviews.html", reviews=queries.for_maker(maker.id), form=form, failed=review.id
    ), 400
