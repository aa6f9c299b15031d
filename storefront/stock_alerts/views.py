"""Sign up on a sold-out product; confirm and unsubscribe by link, no account needed."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.catalog.models import ListingStatus, Product
from storefront.errors import DomainError
from storefront.extensions import csrf, db, limiter
from storefront.i18n import current_locale
from storefront.security import check_same_origin_or_token
from storefront.stock_alerts import services
from storefront.stock_alerts.forms import AlertForm
from storefront.stock_alerts.models import Channel

bp = Blueprint("stock_alerts", __name__)


@bp.post("/products/<int:product_id>/alert")
@csrf.exempt  # guests sign up from the cached product page, without a token: checked by origin
@limiter.limit("10 per hour")
def alert_new(product_id: int):
    check_same_origin_or_token()
    product = db.session.get(Product, product_id)
    if product is None or product.status != ListingStatus.LIVE or not product.maker.is_listed:
        abort(404)
    form = AlertForm()
    if form.validate_on_submit():
        try:
            if form.channel.data == Channel.WHATSAPP:
                services.subscribe_whatsapp(
                    product,
                    form.phone.data or "",
                    current_locale(),
                    consent=form.consent.data,
                    similar=form.similar.data,
                )
                flash(_("Thank you: we will send you one WhatsApp message when it is back."))
            else:
                services.subscribe_email(
                    product, form.email.data or "", current_locale(), similar=form.similar.data
                )
                flash(_("Almost done: please open the email we sent and confirm."), "success")
        except DomainError as error:
            db.session.rollback()
            form.form_errors.append(str(error.message))
        else:
            return redirect(url_for("catalog.product_detail", slug=product.slug))
    return render_template("stock_alerts/signup.html", product=product, form=form), 400


@bp.route("/alerts/confirm/<token>", methods=["GET", "POST"])
def alert_confirm(token: str):
    """GET shows a button (mail scanners open links; only a person's click confirms)."""
    alert = services.by_token(token)
    if alert is None:
        return render_template("stock_alerts/done.html", gone=True), 404
    if request.method == "POST":
        services.confirm(alert)
        return render_template(
            "stock_alerts/done.html",
            confirmed=True,
            product=alert.product,
            similar=alert.wants_similar,
        )
    return render_template("stock_alerts/confirm.html", alert=alert)


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # one click from the mail (and RFC 8058 POSTs from mail apps): it only deletes
def alert_unsubscribe(token: str):
    services.unsubscribe(token)
    return render_template("stock_alerts/done.html", unsubscribed=True)
