"""The audit log of listing decisions and changes (/admin/audit), newest first."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from storefront.admin import bp
from storefront.auth.access import admin_required
from storefront.listings import queries

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
}


@bp.get("/audit")
@admin_required
def audit_list():
    page = request.args.get("page", 1, type=int)
    return render_template(
        "admin/audit/list.html",
        pagination=queries.audit_page(max(page, 1)),
        labels=ACTION_LABELS,
    )
