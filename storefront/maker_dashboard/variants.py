"""Her listing's options (colour, size) and their stock, made to be edited from a phone."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from storefront.auth.access import maker_required
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.forms import BaseForm
from storefront.listings.variants import MAX_STOCK, add_variant, set_variant_stock
from storefront.maker_dashboard import bp
from storefront.maker_dashboard.listings import _own_product
from storefront.validation import parse_id


class VariantForm(BaseForm):
    colour = StringField(_l("Colour"), validators=[Optional(), Length(max=40)])
    size = StringField(_l("Size"), validators=[Optional(), Length(max=20)])
    price_delta = IntegerField(
        _l("Price difference (Rp, may be negative)"),
        validators=[Optional(), NumberRange(-100_000_000, 100_000_000)],
    )
    stock = IntegerField(_l("In stock"), validators=[InputRequired(), NumberRange(0, MAX_STOCK)])
    photo = SelectField(_l("Photo"), choices=[], validate_choice=False)


def _page(product, form: VariantForm, status: int = 200):
    form.photo.choices = [("", _("None"))] + [
        (str(p.id), _("Photo %(num)d", num=i + 1)) for i, p in enumerate(product.photos)
    ]
    return render_template("maker/listings/variants.html", product=product, form=form), status


@bp.route("/listings/<int:product_id>/variants", methods=["GET", "POST"])
@maker_required
def listing_variants(product_id: int):
    product = _own_product(product_id)
    form = VariantForm()
    if not form.validate_on_submit():
        return _page(product, form, 400 if form.is_submitted() else 200)
    try:
        variant = add_variant(
            product,
            colour=form.colour.data or "",
            size=form.size.data or "",
            price_delta_idr=form.price_delta.data or 0,
            stock=form.stock.data,
            photo_id=parse_id(form.photo.data),
            actor_id=current_user.id,
        )
    except DomainError as error:
        db.session.rollback()
        form.colour.errors = [error.message]
        return _page(_own_product(product_id), form, error.status_code)
    if variant.is_approved:
        flash(_("Option added."), "success")
    else:
        flash(
            _("Option added. It changes the price, so customers can buy it once approved."),
            "success",
        )
    return redirect(url_for(".listing_variants", product_id=product.id))


@bp.post("/listings/<int:product_id>/variants/<int:variant_id>/stock")
@maker_required
def listing_variant_stock(product_id: int, variant_id: int):
    product = _own_product(product_id)
    variant = next((v for v in product.variants if v.id == variant_id), None)
    if variant is None:
        abort(404)
    raw, seen = request.form.get("stock", ""), parse_id(request.form.get("stock_seen"))
    if not (raw.isascii() and raw.isdigit()):
        flash(_("Stock must be a number from 0 to %(max)d.", max=MAX_STOCK), "error")
        return redirect(url_for(".listing_variants", product_id=product.id)), 303
    try:
        set_variant_stock(variant, int(raw), seen=seen)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Stock saved."), "success")
    return redirect(url_for(".listing_variants", product_id=product.id))
