"""Messages about an order: the customer's confirmation and each maker's "your product sold"."""

import logging

from flask import url_for
from flask_babel import lazy_gettext as _l

from storefront.extensions import db
from storefront.makers.models import Maker
from storefront.orders.models import Order

log = logging.getLogger(__name__)


def _send(to: str, subject, template: str, locale: str, **context) -> None:
    from storefront.mail import send_mail

    try:
        send_mail(to, subject, template, locale, **context)
    except Exception:  # a message that cannot be rendered must not undo or block a paid order
        log.exception("mail failed", extra={"template": template})


def order_paid(order: Order) -> None:
    """Confirmation to the customer, and one message to each maker with her own lines: queued
    in the payment's transaction (payments.paid.apply_paid), delivered by jobs once committed."""
    _send(
        order.email,
        _l("Order %(number)s is paid", number=order.number),
        "order_paid",
        order.locale,
        order=order,
        link=_order_link(order),
    )
    by_maker: dict[int, list] = {}
    for line in order.lines:
        by_maker.setdefault(line.maker_id, []).append(line)
    for maker_id, lines in by_maker.items():
        maker = db.session.get(Maker, maker_id)
        if maker is None or maker.user is None or not maker.user.email:
            continue  # makers without email hear from programme staff instead
        _send(
            maker.user.email,
            _l("Your product sold!"),
            "product_sold",
            maker.user.locale or "id",
            order=order,
            maker=maker,
            lines=lines,
        )


def _order_link(order: Order) -> str | None:
    try:
        return url_for("orders.order_view", token=order.token, _external=True)
    except RuntimeError:  # no request (a CLI task): the mail goes without the link
        return None
