"""Admin review of listings: queue, preview, diff, approve, reject, unpublish, fix typos."""

from types import SimpleNamespace

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.auth.forms import EmptyForm
from storefront.catalog.models import Category, Product, ProductPhoto, ProductVariant
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.i18n import current_locale
from storefront.listings import notifications, queries, services, variant_review
from storefront.listings.forms import AdminEditForm, ReasonForm, category_choices
from storefront.listings.models import CONTENT_FIELDS, STATUS_LABELS
from storefront.makers.services import pending_profiles
from storefront.money import read_idr

FIELD_LABELS = {
    "category_id": _l("Category"),
    "title_id": _l("Name (Bahasa Indonesia)"),
    "title_en": _l("Name in English (optional)"),
    "description_id": _l("Description (Bahasa Indonesia)"),
    "description_en": _l("Description in English (optional)"),
    "materials_id": _l("Materials"),
    "materials_en": _l("Materials in English (optional)"),
    "care_id": _l("How to care for it"),
    "care_en": _l("Care in English (optional)"),
    "price_idr": _l("Price in rupiah"),
    "plastic_grams": _l("Grams of plastic reused"),
    "photos": _l("Photos (1 to 5)"),
}


def review_queue_badge() -> dict:
    """Context processor: `review_queue_count()` for the admin menu; queried only if called."""

    def review_queue_count() -> int:
        if not (current_user.is_authenticated and current_user.has_role("admin")):
            return 0
        if "review_queue_count" not in g:  # the menu and the page both show it: one query
            g.review_queue_count = queries.queue_count()
        return g.review_queue_count

    return {"review_queue_count": review_queue_count}


def _product_or_404(product_id: int) -> Product:
    return db.get_or_404(Product, product_id)


@bp.get("/listings/")
@admin_required
def listing_queue():
    return render_template(
        "admin/listings/queue.html", items=queries.review_queue(), profiles=pending_profiles()
    )


@bp.get("/listings/<int:product_id>")
@admin_required
def listing_review(product_id: int):
    return _render_review(_product_or_404(product_id))


def _option_form(variant: ProductVariant) -> ReasonForm:
    """The reason form of one waiting option (prefixed: one per option on the page)."""
    return ReasonForm(prefix=f"variant-{variant.id}")


def _render_review(
    product: Product, *, reject_form=None, unpublish_form=None, edit_form=None, option_form=None
):
    locale = current_locale()
    waiting = [v for v in product.variants if not v.is_approved]
    option_forms = {v.id: _option_form(v) for v in waiting}
    if option_form is not None:  # (option id, its form as posted, with its errors)
        option_forms[option_form[0]] = option_form[1]
    revision = queries.pending_revision(product)
    if edit_form is None:
        edit_form = AdminEditForm(category_id=product.category_id, price=str(product.price_idr))
    edit_form.category_id.choices = category_choices(locale)
    data = {name: getattr(product, name) for name in CONTENT_FIELDS}
    photos: list[ProductPhoto | SimpleNamespace] = list(product.photos)
    if revision is not None:
        data.update(revision.data)
        photos = [SimpleNamespace(**p) for p in revision.photos]
    decided = request.args.get("decided")
    status = 400 if request.method == "POST" else 200
    return render_template(
        "admin/listings/review.html",
        product=product,
        revision=revision,
        changes=revision.changes() if revision else [],
        preview=_preview(product, data, photos, locale),
        categories={c.id: c.name(locale) for c in db.session.scalars(db.select(Category))},
        labels=STATUS_LABELS,
        field_labels=FIELD_LABELS,
        form=EmptyForm(),
        reject_form=reject_form or ReasonForm(),
        unpublish_form=unpublish_form or ReasonForm(),
        edit_form=edit_form,
        waiting_options=waiting,
        option_forms=option_forms,
        whatsapp=_whatsapp(product, decided),
    ), status


def _preview(product: Product, data: dict, photos: list, locale: str) -> SimpleNamespace:
    """The listing as a customer in `locale` would read it (the proposed version for a revision)."""

    def pick(base: str) -> str:
        return (data[f"{base}_en"] if locale == "en" else "") or data[f"{base}_id"]

    category = db.session.get(Category, data["category_id"])
    return SimpleNamespace(
        title=pick("title"),
        description=pick("description"),
        materials=pick("materials"),
        care=pick("care"),
        price_idr=data["price_idr"],
        plastic_grams=data["plastic_grams"],
        category=category.name(locale) if category else "",
        photos=photos,
        maker=product.maker,
        product=product,
    )


def _whatsapp(product: Product, decided: str | None) -> str | None:
    if decided == "option":
        entry = queries.latest_option_decision(product.id)
        if entry is None:
            return None
        return notifications.whatsapp_link(
            product,
            approved=entry.action == "variant.approve",
            reason=entry.reason,
            option=str(entry.details.get("variant", "")),
        )
    if decided not in ("approved", "rejected"):
        return None
    reason = queries.latest_reasons([product.id]).get(product.id, ("", "", ""))[1]
    return notifications.whatsapp_link(product, approved=decided == "approved", reason=reason)


@bp.post("/listings/<int:product_id>/approve")
@admin_required
def listing_approve(product_id: int):
    product = _product_or_404(product_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.approve(product, admin_id=current_user.id)
    flash(_("Approved: the maker has been told."), "success")
    return redirect(url_for(".listing_review", product_id=product.id, decided="approved"))


@bp.post("/listings/<int:product_id>/reject")
@admin_required
def listing_reject(product_id: int):
    return _decide_with_reason(
        product_id, services.reject, "reject_form", _("Not approved: the maker has been told why.")
    )


@bp.post("/listings/<int:product_id>/unpublish")
@admin_required
def listing_unpublish(product_id: int):
    return _decide_with_reason(
        product_id,
        services.unpublish,
        "unpublish_form",
        _("Taken out of the shop: the maker has been told why."),
    )


def _decide_with_reason(product_id: int, service, form_name: str, message: str):
    """A decision that needs a written reason (the maker reads it); the form again without one."""
    product = _product_or_404(product_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return _render_review(product, **{form_name: form})
    service(product, admin_id=current_user.id, reason=form.reason.data)
    flash(message, "success")
    return redirect(url_for(".listing_review", product_id=product.id, decided="rejected"))


@bp.post("/listings/<int:product_id>/edit")
@admin_required
def listing_edit(product_id: int):
    product = _product_or_404(product_id)
    form = AdminEditForm()
    form.category_id.choices = category_choices(current_locale())
    if not form.validate_on_submit():
        return _render_review(product, edit_form=form)
    try:
        services.admin_edit(
            product,
            admin_id=current_user.id,
            category_id=form.category_id.data,
            price_idr=read_idr(form.price.data),  # the form has checked it
        )
    except DomainError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        return _render_review(product, edit_form=form)
    flash(_("Saved."), "success")
    return redirect(url_for(".listing_review", product_id=product.id))


def _waiting_option_or_404(product_id: int, variant_id: int) -> tuple[Product, ProductVariant]:
    product = _product_or_404(product_id)
    variant = next((v for v in product.variants if v.id == variant_id), None)
    if variant is None:
        abort(404)
    return product, variant


@bp.post("/listings/<int:product_id>/variants/<int:variant_id>/approve")
@admin_required
def variant_approve(product_id: int, variant_id: int):
    product, variant = _waiting_option_or_404(product_id, variant_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        variant_review.approve_variant(variant, admin_id=current_user.id)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for(".listing_review", product_id=product.id))
    flash(_("The option is on sale: the maker has been told."), "success")
    return redirect(url_for(".listing_review", product_id=product.id, decided="option"))


@bp.post("/listings/<int:product_id>/variants/<int:variant_id>/reject")
@admin_required
def variant_reject(product_id: int, variant_id: int):
    product, variant = _waiting_option_or_404(product_id, variant_id)
    form = _option_form(variant)
    if not form.validate_on_submit():
        return _render_review(product, option_form=(variant.id, form))
    try:
        variant_review.reject_variant(variant, admin_id=current_user.id, reason=form.reason.data)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for(".listing_review", product_id=product.id))
    flash(_("The option is removed: the maker has been told why."), "success")
    return redirect(url_for(".listing_review", product_id=product.id, decided="option"))
