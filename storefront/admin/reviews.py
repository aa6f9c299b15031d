"""Admin moderation of reviews and of makers' replies: approve, or reject with a reason."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.extensions import db
from storefront.listings.forms import ReasonForm
from storefront.reviews import queries, services
from storefront.reviews.models import Review

ACTIONS = ("approve", "reject", "reply_approve", "reply_reject")


def review_badge() -> dict:
    """Context processor: `review_moderation_count()` for the admin menu; queried if called."""

    def review_moderation_count() -> int:
        if not (current_user.is_authenticated and current_user.has_role("admin")):
            return 0
        return queries.queue_count()

    return {"review_moderation_count": review_moderation_count}


def _queue(reject_form=None, failed_id=None, status=200):
    items = queries.moderation_queue()
    return render_template(
        "admin/reviews/queue.html",
        items=items,
        refunded=queries.refunded_in_full(items),
        form=EmptyForm(),
        reject_form=reject_form or ReasonForm(),
        failed_id=failed_id,
    ), status


@bp.get("/reviews/")
@admin_required
def review_queue():
    return _queue()


@bp.post("/reviews/<int:review_id>/<action>")
@admin_required
def review_decide(review_id: int, action: str):
    if action not in ACTIONS:
        abort(404)
    review = db.get_or_404(Review, review_id)
    if action.endswith("approve"):
        if not EmptyForm().validate_on_submit():
            abort(400)
        approve = services.approve if action == "approve" else services.approve_reply
        try:
            approve(review, admin_id=current_user.id)
        except services.LineRefunded as refused:  # back to the queue, where it is flagged
            flash(str(refused.message), "error")
            return redirect(url_for(".review_queue"))
        flash(_("Approved: it is now public."), "success")
        return redirect(url_for(".review_queue"))
    form = ReasonForm()
    if not form.validate_on_submit():
        return _queue(reject_form=form, failed_id=review.id, status=400)
    reject = services.reject if action == "reject" else services.reject_reply
    reject(review, admin_id=current_user.id, reason=form.reason.data)
    flash(_("Not approved: it stays hidden."), "success")
    return redirect(url_for(".review_queue"))
