"""Admin: customers' "make another" requests, with a one-tap WhatsApp or email answer."""

from urllib.parse import quote

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.auth.phone import wa_digits
from storefront.catalog.models import MakeRequest
from storefront.catalog.services import mark_handled
from storefront.extensions import db


def whatsapp_reply(ask: MakeRequest) -> str | None:
    """A wa.me link to answer the customer, in her language."""
    if not ask.whatsapp:
        return None
    with force_locale(ask.locale or "id"):
        text = _(
            "Hello %(name)s, this is Toko Anyaman about your request for “%(title)s”.",
            name=ask.name,
            title=ask.product.title(ask.locale or "id"),
        )
    return f"https://wa.me/{wa_digits(ask.whatsapp)}?text={quote(text)}"


@bp.get("/requests/")
@admin_required
def make_requests():
    asks = db.session.scalars(
        select(MakeRequest).order_by(MakeRequest.handled_at.is_not(None), MakeRequest.id.desc())
    ).all()
    return render_template(
        "admin/requests.html", asks=asks, whatsapp_reply=whatsapp_reply, form=EmptyForm()
    )


@bp.post("/requests/<int:request_id>/done")
@admin_required
def make_request_done(request_id: int):
    ask = db.session.get(MakeRequest, request_id)
    if ask is None:
        abort(404)
    if EmptyForm().validate_on_submit():
        mark_handled(ask)
        flash(_("Marked as passed on."), "success")
    return redirect(url_for("admin.make_requests"))
