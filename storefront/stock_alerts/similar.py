""" "Or when she lists a similar one": the other half of a back-in-stock sign-up.

Similar means, simply: another product of the same maker in the same category as the product
signed up on, which an admin approves into the shop (pending -> live) while the sign-up is
confirmed, and which can be bought. The check runs at that approval, so a listing live before
she confirmed is never "new" to her, and an unconfirmed email never hears. A revision of a live
listing is not a new listing.

One sign-up is one message: whichever comes first (back in stock, or a similar new listing)
claims the confirmed sign-up with the same conditional DELETE (WhatsApp: UPDATE to due), so the
other finds nothing left. An address signed up on several of the maker's sold-out products in
that category gets one message for the new listing, which answers (and ends) all of them."""

import logging
from itertools import groupby

from flask_babel import lazy_gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.orm import contains_eager

from storefront.catalog.models import Product
from storefront.database import rows_matched
from storefront.extensions import db
from storefront.stock_alerts.models import AlertStatus, Channel, StockAlert
from storefront.stock_alerts.services import link_context, mail_alert

log = logging.getLogger(__name__)


def notify_similar(product: Product) -> int:
    """After a new listing's approval is committed: one message to each confirmed address that
    signed up, with "similar" ticked, on a product of the same maker and category. Commits."""
    if not (product.is_available and product.maker.is_listed):
        return 0  # a new listing that cannot be bought is no news: the sign-ups wait
    with link_context() as can_link:
        if not can_link:
            log.warning("similar alerts kept: SHOP_URL unset", extra={"product_id": product.id})
            return 0
        return sum(_notify(product, group) for group in _subscribers(product))


def _subscribers(product: Product) -> list[list[StockAlert]]:
    """The confirmed, opted-in sign-ups of the similar products, grouped by address."""
    alerts = db.session.scalars(
        select(StockAlert)
        .join(StockAlert.product)
        .options(contains_eager(StockAlert.product))
        .where(
            Product.maker_id == product.maker_id,
            Product.category_id == product.category_id,
            Product.id != product.id,
            StockAlert.status == AlertStatus.CONFIRMED,
            StockAlert.wants_similar.is_(True),
        )
        .order_by(StockAlert.channel, StockAlert.address, StockAlert.id.desc())
    )
    return [list(group) for _key, group in groupby(alerts, lambda a: (a.channel, a.address))]


def _notify(product: Product, alerts: list[StockAlert]) -> int:
    """One message for one address (its newest sign-up's language); 1 if it went."""
    newest, others = alerts[0], [alert.id for alert in alerts[1:]]
    if newest.channel == Channel.WHATSAPP:
        return _whatsapp_due(product, newest, others)
    was = newest.product.title(newest.locale)  # read before the DELETE below ends the row
    claimed = db.session.execute(
        delete(StockAlert).where(
            StockAlert.id.in_([newest.id, *others]), StockAlert.status == AlertStatus.CONFIRMED
        )
    )
    if rows_matched(claimed) == 0:  # back in stock (or unsubscribed) meanwhile
        db.session.rollback()
        return 0
    subject = _(
        "New from %(maker)s: %(title)s",
        maker=product.maker.public_name,
        title=product.title(newest.locale),
    )
    # The sign-ups' end and the message commit together; if the mail cannot be handed over,
    # they stay (for the product's return or the next similar listing).
    sent = mail_alert(
        newest,
        product,
        subject,
        "stock_alert_similar",
        was=was,
        maker=product.maker.public_name,
    )
    return 1 if sent else 0


def _whatsapp_due(product: Product, alert: StockAlert, others: list[int]) -> int:
    """No WhatsApp sender here: the message waits for staff at /admin/stock-alerts."""
    due = db.session.execute(
        update(StockAlert)
        .where(StockAlert.id == alert.id, StockAlert.status == AlertStatus.CONFIRMED)
        .values({StockAlert.status: AlertStatus.DUE, StockAlert.similar_product_id: product.id})
    )
    if rows_matched(due) != 1:
        db.session.rollback()
        return 0
    if others:  # answered by the same message
        db.session.execute(delete(StockAlert).where(StockAlert.id.in_(others)))
    db.session.commit()
    return 1
