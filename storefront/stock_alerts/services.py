"""Back-in-stock sign-ups: double opt-in by email, or a WhatsApp number with consent; one message
each when the product can be bought again, after which the sign-up is deleted.

Stock comes back on three paths: the maker's stock edit (listings.services), a released
reservation or cancelled order (orders.stock.return_stock, used by payments.expiry and
payments.cancel) and a refund's restock (payments.refunds). Each calls `notify_back` or
`notify_restocked` after its own commit, so a rolled-back change never sends anything."""

import logging
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _
from sqlalchemy import delete, select, update

from storefront.auth.phone import normalise_phone
from storefront.catalog.models import ListingStatus, Product
from storefront.database import rows_matched
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.stock_alerts.models import AlertStatus, Channel, StockAlert

log = logging.getLogger(__name__)
RESTOCKED_KEY = "storefront.restocked"  # product ids whose stock went up in this transaction


class AlertRefused(DomainError):
    """The sign-up cannot be taken (in stock already, no consent, not an address)."""


def _check_sold_out(product: Product) -> None:
    if product.status != ListingStatus.LIVE:
        raise AlertRefused(_("This product is not in the shop."))
    if product.is_available:
        raise AlertRefused(_("Good news: this product is in stock now."))


def _existing(product: Product, channel: str, address: str) -> StockAlert | None:
    return db.session.scalar(
        select(StockAlert).where(
            StockAlert.product_id == product.id,
            StockAlert.channel == channel,
            StockAlert.address == address,
        )
    )


def subscribe_email(
    product: Product, email: str, locale: str, *, similar: bool = False
) -> StockAlert:
    """A pending sign-up and the mail that confirms it (sent again if she asks again); commits.
    `similar`: a similar new listing of the maker will do too (stock_alerts.similar)."""
    _check_sold_out(product)
    address = (email or "").strip().lower()
    if "@" not in address or len(address) > 254 or " " in address:
        raise AlertRefused(_("Please write an email address like nama@contoh.id."))
    alert = _existing(product, Channel.EMAIL, address)
    if alert is None:
        alert = StockAlert(
            product_id=product.id,
            channel=Channel.EMAIL,
            address=address,
            locale=locale,
            token=secrets.token_urlsafe(32),
            status=AlertStatus.PENDING,
        )
        db.session.add(alert)
    alert.locale = locale
    # Her latest choice while the link confirms it; once confirmed, a new sign-up (anyone may
    # type her address) can narrow it to this product but never widen it unconfirmed.
    pending = alert.status == AlertStatus.PENDING
    alert.wants_similar = similar if pending else bool(alert.wants_similar and similar)
    db.session.commit()
    if pending:
        mail_alert(
            alert,
            product,
            _("Please confirm: tell me when it is back"),
            "stock_alert_confirm",
            confirm=url_for("stock_alerts.alert_confirm", token=alert.token, _external=True),
            similar=alert.wants_similar,
            maker=product.maker.public_name,
        )
    return alert


def subscribe_whatsapp(
    product: Product, phone: str, locale: str, *, consent: bool, similar: bool = False
) -> StockAlert:
    """A WhatsApp sign-up, kept only with her explicit consent; commits."""
    _check_sold_out(product)
    if not consent:
        raise AlertRefused(_("Tick the box to agree to one WhatsApp message."))
    number = normalise_phone(phone)
    if number is None:
        raise AlertRefused(_("Please write a mobile number like 0812 3456 7890."))
    alert = _existing(product, Channel.WHATSAPP, number)
    if alert is None:
        alert = StockAlert(
            product_id=product.id,
            channel=Channel.WHATSAPP,
            address=number,
            locale=locale,
            token=secrets.token_urlsafe(32),
            status=AlertStatus.CONFIRMED,
        )
        db.session.add(alert)
    if alert.status == AlertStatus.CONFIRMED:  # not once her message is due
        alert.wants_similar = similar
    db.session.commit()
    return alert


def by_token(token: str) -> StockAlert | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(StockAlert).where(StockAlert.token == token))


def confirm(alert: StockAlert) -> None:
    """The email's owner said yes; if the product is back already, she hears at once. Commits."""
    db.session.execute(
        update(StockAlert)
        .where(StockAlert.id == alert.id, StockAlert.status == AlertStatus.PENDING)
        .values({StockAlert.status: AlertStatus.CONFIRMED})
    )
    db.session.commit()
    notify_back([alert.product_id])


def unsubscribe(token: str) -> bool:
    """Delete the sign-up behind a link (no sign-in); False if there was none. Commits."""
    result = db.session.execute(delete(StockAlert).where(StockAlert.token == token[:64]))
    db.session.commit()
    return rows_matched(result) > 0


def mark_restocked(product_id: int) -> None:
    """Remember (in this session) that stock went up, for `notify_restocked` after the commit."""
    db.session.info.setdefault(RESTOCKED_KEY, set()).add(product_id)


def notify_restocked() -> int:
    """After a commit: tell the subscribers of every product whose stock went up in it."""
    ids = db.session.info.pop(RESTOCKED_KEY, set())
    return notify_back(ids) if ids else 0


def notify_back(product_ids: Iterable[int]) -> int:
    """One message to each confirmed subscriber of the given products that can be bought now;
    each sign-up ends as its message goes (claimed by a DELETE, so it fires once). Commits."""
    products = list(
        db.session.scalars(
            select(Product).where(
                Product.id.in_(list(product_ids)), Product.status == ListingStatus.LIVE
            )
        )
    )
    sent = 0
    for product in products:
        if product.is_available:
            sent += _notify_product(product)
    return sent


@contextmanager
def link_context() -> Iterator[bool]:
    """Where links can be built: in a request, or (the CLI, the job worker) at SHOP_URL."""
    if has_request_context():
        yield True
    elif current_app.config.get("SHOP_URL"):
        with current_app.test_request_context(base_url=current_app.config["SHOP_URL"]):
            yield True
    else:
        yield False


def _notify_product(product: Product) -> int:
    with link_context() as can_link:
        if not can_link:  # kept for the next restock seen in a request
            log.warning("stock alerts kept: SHOP_URL unset", extra={"product_id": product.id})
            return 0
        return _notify_subscribers(product)


def _notify_subscribers(product: Product) -> int:
    alerts = list(
        db.session.scalars(
            select(StockAlert).where(
                StockAlert.product_id == product.id, StockAlert.status == AlertStatus.CONFIRMED
            )
        )
    )
    sent = 0
    for alert in alerts:
        if alert.channel == Channel.WHATSAPP:
            # No WhatsApp sender here: programme staff send it from /admin/stock-alerts.
            db.session.execute(
                update(StockAlert)
                .where(StockAlert.id == alert.id, StockAlert.status == AlertStatus.CONFIRMED)
                .values({StockAlert.status: AlertStatus.DUE})
            )
            db.session.commit()
            continue
        claimed = db.session.execute(
            delete(StockAlert).where(
                StockAlert.id == alert.id, StockAlert.status == AlertStatus.CONFIRMED
            )
        )
        if rows_matched(claimed) != 1:  # another process sent it
            db.session.rollback()
            continue
        subject = _("It is back: %(title)s", title=product.title(alert.locale))
        # The sign-up's end and its message (a queued job, where there is a queue) commit together;
        # if the mail cannot even be handed over, the sign-up stays for the next restock.
        if mail_alert(alert, product, subject, "stock_alert_back"):
            sent += 1
        else:
            db.session.rollback()
    return sent


def whatsapp_sent(alert: StockAlert) -> None:
    """Staff sent the WhatsApp message: the sign-up ends. Commits."""
    db.session.execute(delete(StockAlert).where(StockAlert.id == alert.id))
    db.session.commit()


def mail_alert(
    alert: StockAlert, product: Product, subject: Any, template: str, **extra: Any
) -> bool:
    """Hand the message over and commit; False (nothing committed) if that failed."""
    from storefront.mail import send_mail

    try:
        send_mail(
            alert.address,
            subject,
            template,
            alert.locale,
            product=product,
            title=product.title(alert.locale),
            link=url_for("catalog.product_detail", slug=product.slug, _external=True),
            unsubscribe=url_for(
                "stock_alerts.alert_unsubscribe", token=alert.token, _external=True
            ),
            **extra,
        )
        db.session.commit()
    except Exception:  # a mail failure must not undo the stock change that caused it
        db.session.rollback()
        log.exception("stock alert mail failed", extra={"product_id": product.id})
        return False
    return True
