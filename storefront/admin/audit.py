"""The audit log of listing and maker decisions and changes (/admin/audit), newest first."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from storefront.admin import bp
from storefront.audit import audit_page
from storefront.auth.access import admin_required
from storefront.catalog.filters import parse_page
from storefront.listings.models import STATUS_LABELS

ACTION_LABELS = {
    "listing.create": _l("Created"),
    "listing.edit": _l("Edited"),
    "listing.submit": _l("Sent for review"),
    "listing.withdraw": _l("Taken back to draft"),
    "listing.approve": _l("Approved"),
    "listing.reject": _l("Not approved"),
    "listing.unpublish": _l("Taken out of the shop"),
    "listing.archive": _l("Archived"),
    "listing.restore": _l("Restored"),
    "listing.stock": _l("Stock changed"),
    "listing.admin_edit": _l("Corrected by an admin"),
    "revision.submit": _l("Changes sent for review"),
    "revision.approve": _l("Changes approved"),
    "revision.reject": _l("Changes not approved"),
    "maker.fee": _l("Maker's fee changed"),
    "maker.privacy": _l("Maker's privacy choices changed"),
    "maker.hidden": _l("Maker hidden from the shop"),
    "maker.shown": _l("Maker shown in the shop again"),
    "review.approve": _l("Review approved"),
    "review.reject": _l("Review not approved"),
    "review.reply_approve": _l("Maker's reply approved"),
    "review.reply_reject": _l("Maker's reply not approved"),
}

# The keys of AuditEntry.details, in words; status codes are shown with their labels.
DETAIL_LABELS = {
    "from": _l("Status before"),
    "to": _l("Status after"),
    "stock": _l("Stock"),
    "price_idr": _l("Price in rupiah"),
    "category_id": _l("Category"),
    "photos": _l("Photos"),
    "rating": _l("Stars"),
}


def detail_label(key: str) -> str:
    return str(DETAIL_LABELS.get(key, key))


def detail_value(key: str, value: object) -> str:
    if key in ("from", "to"):
        return str(STATUS_LABELS.get(str(value), value))
    if key == "photos" and isinstance(value, list):
        return " → ".join(str(len(keys)) for keys in value)  # photo keys mean nothing to a reader
    if isinstance(value, list):
        return " → ".join(str(item) for item in value)
    return str(value)


@bp.get("/audit")
@admin_required
def audit_list():
    page = parse_page(request.args.get("page"))
    return render_template(
        "admin/audit/list.html",
        pagination=audit_page(page),
        labels=ACTION_LABELS,
        detail_label=detail_label,
        detail_value=detail_value,
    )
