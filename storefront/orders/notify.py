"""Messages about an order: the customer's confirmation and each maker's "your product sold",
in her channel: email if she has one, else WhatsApp (the Cloud API when configured, and always a
one-tap wa.me link on the admin's order page)."""

import logging
from dataclasses import dataclass
from urllib.parse import quote

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from storefront import whatsapp
from storefront.auth.phone import wa_digits
from storefront.extensions import db
from storefront.makers.fees import fee_bps_for
from storefront.makers.models import Maker
from storefront.money import fee_split, format_idr
from storefront.orders.models import Order, OrderLine

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
    for notice in maker_notices(order):
        if notice.channel == EMAIL and notice.maker.user and notice.maker.user.email:
            _send(
                notice.maker.user.email,
                _l("Your product sold!"),
                "product_sold",
                notice.locale,
                order=order,
                maker=notice.maker,
                lines=notice.lines,
                net_idr=notice.net_idr,
                shares=notice.shares,
            )
        elif notice.channel == WHATSAPP:
            _whatsapp_sold(order, notice)


EMAIL, WHATSAPP, IN_PERSON = "email", "whatsapp", "in_person"


@dataclass(frozen=True)
class MakerNotice:
    """One maker's "your product sold": her lines, what she earns from them and how she hears."""

    maker: Maker
    lines: list[OrderLine]
    shares: dict[int, int]  # line id: her share of it (the price less the platform fee)
    net_idr: int
    channel: str  # EMAIL, WHATSAPP or IN_PERSON (no email, no phone: staff tell her)

    @property
    def locale(self) -> str:
        return (self.maker.user.locale if self.maker.user else None) or "id"

    @property
    def phone(self) -> str | None:
        return self.maker.user.phone if self.maker.user else None

    def text(self, order: Order) -> str:
        """The message in her language (for the wa.me link)."""
        with force_locale(self.locale):
            items = ", ".join(f"{line.title} × {line.quantity}" for line in self.lines)
            return _(
                "Hello %(name)s, your work sold (order %(number)s): %(items)s. "
                "You earn %(net)s. The programme team will tell you when to bring it for packing.",
                name=self.maker.public_name,
                number=order.number,
                items=items,
                net=format_idr(self.net_idr),
            )

    def whatsapp_link(self, order: Order) -> str | None:
        if not self.phone:
            return None
        return f"https://wa.me/{wa_digits(self.phone)}?text={quote(self.text(order))}"


def maker_notices(order: Order) -> list[MakerNotice]:
    """Each maker of the order with her lines and her net, by the rule the sale was posted by."""
    by_maker: dict[int, list[OrderLine]] = {}
    for line in order.lines:
        by_maker.setdefault(line.maker_id, []).append(line)
    makers = {
        maker.id: maker
        for maker in db.session.scalars(
            select(Maker).options(joinedload(Maker.user)).where(Maker.id.in_(by_maker))
        )
    }  # every maker of the order and her account in one statement
    notices = []
    for maker_id, lines in by_maker.items():
        maker = makers.get(maker_id)
        if maker is None:
            continue
        bps = fee_bps_for(maker)
        shares = {line.id: fee_split(line.line_total_idr, bps)[0] for line in lines}
        user = maker.user
        channel = EMAIL if user and user.email else WHATSAPP if user and user.phone else IN_PERSON
        notices.append(MakerNotice(maker, lines, shares, sum(shares.values()), channel))
    return notices


def _whatsapp_sold(order: Order, notice: MakerNotice) -> None:
    """Through the Cloud API when configured (its template, in her language, Indonesian first)."""
    if not notice.phone or not whatsapp.is_configured():
        return
    items = ", ".join(f"{line.title} × {line.quantity}" for line in notice.lines)
    whatsapp.send_template(
        wa_digits(notice.phone),
        current_app.config["WHATSAPP_TEMPLATE_SOLD"],
        "en" if notice.locale == "en" else "id",
        [notice.maker.public_name, items, order.number, format_idr(notice.net_idr)],
    )


def order_refunded(order: Order, amount_idr: int) -> None:
    """Tell the customer how much went back to her and how (after the refund's commit)."""
    _send(
        order.email,
        _l("Refund for order %(number)s", number=order.number),
        "order_refunded",
        order.locale,
        order=order,
        amount_idr=amount_idr,
        link=_order_link(order),
    )


def _order_link(order: Order) -> str | None:
    try:
        return url_for("orders.order_view", token=order.token, _external=True)
    except RuntimeError:  # no request (a CLI task): the mail goes without the link
        return None
