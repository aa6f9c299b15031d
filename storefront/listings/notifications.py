"""Telling the maker of a review decision: email if she has one, a WhatsApp link for the admin."""

import logging
from urllib.parse import quote

from flask import url_for
from flask_babel import force_locale, lazy_gettext
from flask_babel import gettext as _

from storefront.auth.phone import wa_digits
from storefront.catalog.models import Product

log = logging.getLogger(__name__)


def notify_decision(product: Product, *, approved: bool, reason: str, option: str = "") -> None:
    """Email the maker: queued in the decision's transaction (call it before the commit), so it
    goes once the decision is committed, never for one rolled back. `option`: the label of the
    option decided on, when the decision is about a new option, not the listing."""
    user = product.maker.user
    if user is None or not user.email:
        return
    from storefront.mail import send_mail

    if option:
        subject = (
            lazy_gettext("Your new option is in the shop")
            if approved
            else lazy_gettext("Your new option was not approved")
        )
    else:
        subject = (
            lazy_gettext("Your product is in the shop")
            if approved
            else lazy_gettext("Your product needs a change")
        )
    try:
        send_mail(
            user.email,
            subject,
            "listing_decision",
            user.locale,
            product=product,
            approved=approved,
            reason=reason,
            option=option,
            name=product.maker.public_name,
            link=url_for("maker_dashboard.listing_list", _external=True),
        )
    except Exception:  # SMTP trouble: the admin still has the WhatsApp link
        log.exception("listing decision mail failed", extra={"product_id": product.id})


def whatsapp_link(product: Product, *, approved: bool, reason: str, option: str = "") -> str | None:
    """A wa.me link with the decision in the maker's language; None if she has no phone."""
    user = product.maker.user
    if user is None or not user.phone:
        return None
    with force_locale(user.locale or "id"):
        title = product.title(user.locale or "id")
        if option:
            text = _option_text(product.maker.public_name, title, option, approved, reason)
        elif approved:
            text = _(
                "Hello %(name)s, your product “%(title)s” is now in the shop.",
                name=product.maker.public_name,
                title=title,
            )
        else:
            text = _(
                "Hello %(name)s, your product “%(title)s” was not approved. Reason: %(reason)s",
                name=product.maker.public_name,
                title=title,
                reason=reason,
            )
    return f"https://wa.me/{wa_digits(user.phone)}?text={quote(text)}"


def _option_text(name: str, title: str, option: str, approved: bool, reason: str) -> str:
    if approved:
        return _(
            "Hello %(name)s, the new option “%(option)s” of your product “%(title)s” is now in "
            "the shop.",
            name=name,
            option=option,
            title=title,
        )
    return _(
        "Hello %(name)s, the new option “%(option)s” of your product “%(title)s” was not "
        "approved. Reason: %(reason)s",
        name=name,
        option=option,
        title=title,
        reason=reason,
    )
