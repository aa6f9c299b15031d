"""WhatsApp back-in-stock messages that programme staff still have to send."""

from urllib.parse import quote

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from storefront.auth.phone import wa_digits
from storefront.catalog.models import Product
from storefront.extensions import db
from storefront.stock_alerts.models import AlertStatus, Channel, StockAlert


def due_whatsapp() -> list[StockAlert]:
    return list(
        db.session.scalars(
            select(StockAlert)
            .options(joinedload(StockAlert.product), joinedload(StockAlert.similar_product))
            .where(StockAlert.channel == Channel.WHATSAPP, StockAlert.status == AlertStatus.DUE)
            .order_by(StockAlert.id)
        )
    )


def whatsapp_link(alert: StockAlert) -> str:
    """wa.me with the message in her language, with the product and the unsubscribe link."""
    if alert.similar_product is not None:
        return _similar_link(alert, alert.similar_product)
    with force_locale(alert.locale or "id"):
        text = _(
            "Good news: “%(title)s” is back in the Toko Anyaman: %(link)s (one message only; "
            "to be forgotten: %(unsubscribe)s)",
            title=alert.product.title(alert.locale),
            link=url_for("catalog.product_detail", slug=alert.product.slug, _external=True),
            unsubscribe=url_for(
                "stock_alerts.alert_unsubscribe", token=alert.token, _external=True
            ),
        )
    return f"https://wa.me/{wa_digits(alert.address)}?text={quote(text)}"


def _similar_link(alert: StockAlert, product: Product) -> str:
    """The message about a similar new listing of the same maker (stock_alerts.similar)."""
    with force_locale(alert.locale or "id"):
        text = _(
            "News from the Toko Anyaman: %(maker)s has just listed “%(title)s”, similar to "
            "“%(was)s”: %(link)s (one message only; to be forgotten: %(unsubscribe)s)",
            maker=product.maker.public_name,
            title=product.title(alert.locale),
            was=alert.product.title(alert.locale),
            link=url_for("catalog.product_detail", slug=product.slug, _external=True),
            unsubscribe=url_for(
                "stock_alerts.alert_unsubscribe", token=alert.token, _external=True
            ),
        )
    return f"https://wa.me/{wa_digits(alert.address)}?text={quote(text)}"
