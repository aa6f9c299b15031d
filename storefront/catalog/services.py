"""Customers' "make another" requests: kept for the admin, who passes them on to the maker."""

import logging

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from storefront.auth.models import Role, User
from storefront.auth.phone import normalise_phone
from storefront.catalog.models import MakeRequest, Product
from storefront.errors import DomainError
from storefront.extensions import db

log = logging.getLogger(__name__)


class RequestsNotTaken(DomainError):
    status_code = 404


def create_make_request(
    product: Product, *, name: str, whatsapp: str, email: str, message: str, locale: str
) -> MakeRequest:
    """Keep the request (commits) and tell the admins; only where the maker takes requests."""
    if not product.maker.accepts_requests:
        raise RequestsNotTaken(_l("This maker does not take requests at the moment."))
    request = MakeRequest(
        product_id=product.id,
        maker_id=product.maker_id,
        name=name.strip(),
        whatsapp=normalise_phone(whatsapp),
        email=email.strip() or None,
        message=message.strip(),
        locale=locale,
    )
    db.session.add(request)
    db.session.commit()
    _tell_admins(request)
    log.info("make request", extra={"request_id": request.id, "product_id": product.id})
    return request


def _tell_admins(request: MakeRequest) -> None:
    from storefront.mail import send_mail

    admins = db.session.scalars(
        select(User).where(User.role == Role.ADMIN, User.is_enabled.is_(True))
    )
    link = url_for("admin.make_requests", _external=True)
    for admin in admins:
        if not admin.email:
            continue
        try:
            send_mail(
                admin.email,
                _l("A customer asks for another %(title)s", title=request.product.title_id),
                "make_request",
                admin.locale or "id",
                ask=request,
                link=link,
            )
        except Exception:  # the request is kept; the admin sees it on her page
            log.exception("make request mail failed", extra={"request_id": request.id})


def mark_handled(request: MakeRequest) -> None:
    from storefront.database import utcnow

    request.handled_at = request.handled_at or utcnow()
    db.session.commit()
