"""The maker's own listings (/maker/listings): list, create, edit, submit, archive, stock."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.auth.access import maker_required
from storefront.auth.forms import EmptyForm
from storefront.catalog.models import Product
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.i18n import current_locale
from storefront.listings import queries, services, staging
from storefront.listings.forms import ListingForm, StockForm, category_choices
from storefront.listings.models import CONTENT_FIELDS, STATUS_LABELS
from storefront.listings.photos import current_photos
from storefront.maker_dashboard import bp
from storefront.makers.access import current_maker
from storefront.validation import parse_id


def _own_product(product_id: int) -> Product:
    """One of the signed-in maker's listings; anyone else's id is a plain 404."""
    maker = current_maker()
    product = db.session.scalar(
        db.select(Product).where(Product.id == product_id, Product.maker_id == maker.id)
    )
    if product is None:
        abort(404)
    return product


def _listing_form() -> ListingForm:
    form = ListingForm()
    form.category_id.choices = category_choices(current_locale())
    return form


def _show_error(form: ListingForm, error: DomainError) -> None:
    db.session.rollback()
    target = form.photos.errors if isinstance(error, services.PhotoError) else form.form_errors
    if isinstance(target, tuple):
        target = form.photos.errors = list(target)
    target.append(error.message)


def _render_form(form: ListingForm, product: Product | None, revision=None):
    status = 400 if request.method == "POST" else 200
    maker_id = product.maker_id if product else current_maker().id
    return render_template(
        "maker/listings/form.html",
        form=form,
        product=product,
        revision=revision,
        photos=current_photos(product, revision) if product else [],
        staged=staging.staged(maker_id, form.photo_stage.data),
        labels=STATUS_LABELS,
    ), status


def _kept_from_earlier(form: ListingForm, maker_id: int) -> list:
    """The photos staged by her earlier tries of this form, less those she ticked to remove."""
    form.photo_stage.data = form.photo_stage.data or staging.new_token()
    staging.drop(maker_id, form.photo_stage.data, form.remove_photos.data or [])
    return staging.staged(maker_id, form.photo_stage.data)


def _stage_after_error(form: ListingForm, maker_id: int, kept: int) -> None:
    """The form goes back with an error: keep this POST's new photos on the server (staged) so
    she never sends them again. A photo that is refused says so next to the photo field."""
    uploads = form.photo_files()
    for upload in uploads:
        upload.seek(0)  # the save may have read it already
    token = form.photo_stage.data
    try:
        staging.stage(maker_id, token, uploads, already=kept + len(staging.staged(maker_id, token)))
    except services.PhotoError as error:
        if error.message not in form.photos.errors:
            form.photos.errors = [*form.photos.errors, error.message]


def _kept(form: ListingForm, product: Product, revision) -> int:
    removing = set(form.remove_photos.data or [])
    return sum(1 for p in current_photos(product, revision) if p["key"] not in removing)


@bp.get("/listings/")
@maker_required
def listing_list():
    products = queries.maker_products(current_maker().id)
    ids = [p.id for p in products]
    return render_template(
        "maker/listings/list.html",
        products=products,
        pending=queries.pending_revision_ids(ids),
        reasons=queries.latest_reasons(ids),
        labels=STATUS_LABELS,
        form=EmptyForm(),
        stock_form=StockForm(),
    )


@bp.route("/listings/new", methods=["GET", "POST"])
@maker_required
def listing_new():
    maker = current_maker()
    form = _listing_form()
    valid = form.validate_on_submit()
    staged = _kept_from_earlier(form, maker.id) if form.is_submitted() else []
    if valid:
        try:
            services.create_listing(
                maker,
                form.listing_data(),
                form.photo_files(),
                submit=bool(form.submit_review.data),
                actor_id=current_user.id,
                staged=staged,
                stage_token=form.photo_stage.data,
            )
        except DomainError as error:
            _show_error(form, error)
            if not isinstance(error, services.PhotoError):
                _stage_after_error(form, maker.id, 0)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for(".listing_list"))
    elif form.is_submitted():
        _stage_after_error(form, maker.id, 0)
    return _render_form(form, None)


@bp.route("/listings/<int:product_id>/edit", methods=["GET", "POST"])
@maker_required
def listing_edit(product_id: int):
    product = _own_product(product_id)
    revision = queries.pending_revision(product)
    form = _listing_form()
    if request.method == "GET":
        form.fill_from({name: getattr(product, name) for name in CONTENT_FIELDS})
        form.fill_from(
            {
                name: getattr(product, name)
                for name in ("stock", "is_made_to_order", "lead_time_days")
            }
        )
        form.stock_seen.data = str(product.stock)
        if revision is not None:
            form.fill_from(revision.data)
    valid = form.validate_on_submit()
    staged = _kept_from_earlier(form, product.maker_id) if form.is_submitted() else []
    if valid:
        try:
            services.update_listing(
                product,
                form.listing_data(),
                form.photo_files(),
                remove=form.remove_photos.data or [],
                submit=bool(form.submit_review.data),
                actor_id=current_user.id,
                staged=staged,
                stage_token=form.photo_stage.data,
            )
        except DomainError as error:
            _show_error(form, error)
            if isinstance(error, services.StockChanged):  # show her the stock as it is now
                form.stock.data = form.stock_seen.data = str(product.stock)
            if not isinstance(error, services.PhotoError):
                _stage_after_error(form, product.maker_id, _kept(form, product, revision))
        else:
            flash(_("Saved."), "success")
            return redirect(url_for(".listing_list"))
    elif form.is_submitted():
        _stage_after_error(form, product.maker_id, _kept(form, product, revision))
    return _render_form(form, product, revision)


@bp.post("/listings/<int:product_id>/submit")
@maker_required
def listing_submit(product_id: int):
    return _action(product_id, services.submit_for_review, _("Sent for review."))


@bp.post("/listings/<int:product_id>/archive")
@maker_required
def listing_archive(product_id: int):
    return _action(product_id, services.archive, _("Archived."))


@bp.post("/listings/<int:product_id>/restore")
@maker_required
def listing_restore(product_id: int):
    return _action(product_id, services.restore, _("Restored as a draft."))


@bp.post("/listings/<int:product_id>/stock")
@maker_required
def listing_stock(product_id: int):
    product = _own_product(product_id)
    form = StockForm()
    if not form.validate_on_submit():
        raise DomainError(" ".join(str(e) for e in form.stock.errors) or _("Please try again."))
    services.change_stock(
        product, int(form.stock.data), seen=parse_id(form.stock_seen.data), actor_id=current_user.id
    )
    flash(_("Stock saved."), "success")
    return redirect(url_for(".listing_list"))


def _action(product_id: int, service, message: str):
    product = _own_product(product_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    service(product, actor_id=current_user.id)
    flash(message, "success")
    return redirect(url_for(".listing_list"))
