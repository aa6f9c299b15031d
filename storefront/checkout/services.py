"""Placing an order: snapshot the cart, reserve stock, start the payment. Every amount comes from
the database; nothing posted by the browser is trusted except the contact and delivery fields."""

import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from storefront.cart.models import Cart
from storefront.cart.services import (
    CartChanged,
    LineView,
    SoldOut,
    blocking_error,
    cart_lines,
    cart_subtotal,
)
from storefront.checkout.claim import CartAlreadyOrdered, claim_cart, order_for_key
from storefront.checkout.models import CheckoutAttempt
from storefront.checkout.provinces import PROVINCE_GROUPS
from storefront.database import utcnow
from storefront.errors import Conflict, DomainError
from storefront.extensions import db
from storefront.money import format_idr
from storefront.orders import stock
from storefront.orders.models import DeliveryMethod, Order, OrderLine
from storefront.payments.gateway import (
    Gateway,
    GatewayError,
    GatewayUnavailable,
    PaymentRequest,
    PaymentResult,
)

__all__ = [
    "BelowMinimum",
    "CartAlreadyOrdered",
    "CartChanged",
    "SoldOut",
    "order_for_key",
    "place_order",
]
log = logging.getLogger(__name__)
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def shipping_fee(delivery_method: str, province: str) -> int:
    """Rupiah for delivery: free pick-up, else the configured fee of the province's group."""
    if delivery_method == DeliveryMethod.PICKUP:
        return 0
    table = current_app.config["SHIPPING_TABLE"]
    return int(table[PROVINCE_GROUPS[province]])


def shipping_fees_by_province() -> dict[str, int]:
    """The delivery fee of every province, for the checkout page's summary."""
    return {province: shipping_fee(DeliveryMethod.SHIP, province) for province in PROVINCE_GROUPS}


def new_order_number() -> str:
    """Human-readable and short enough to read over the phone: AN261127-7KQ4M."""
    suffix = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(5))
    return f"AN{utcnow():%y%m%d}-{suffix}"


def _snapshot(view: LineView, locale: str) -> OrderLine:
    product = view.product
    return OrderLine(
        product_id=product.id,
        maker_id=product.maker_id,
        title=product.title(locale)[:120],
        maker_name=product.maker.public_name[:120],
        unit_price_idr=product.price_idr,
        quantity=view.line.quantity,
        line_total_idr=product.price_idr * view.line.quantity,
        plastic_grams=product.plastic_grams,  # per unit, like unit_price_idr
        is_made_to_order=product.is_made_to_order,
    )


def _checked_lines(cart: Cart, locale: str) -> list[LineView]:
    for line in cart.lines:
        db.session.refresh(line.product)  # today's price and stock, not the page's
    views = cart_lines(cart)
    if not views:
        raise DomainError(_("Your cart is empty."))
    error = blocking_error(views, locale)
    if error is not None:
        raise error
    return views


def place_order(
    cart: Cart,
    data: dict[str, Any],
    gateway: Gateway,
    *,
    idempotency_key: str,
    locale: str = "id",
    user_id: int | None = None,
) -> Order:
    """Create a pending order from the cart and reserve its stock in one transaction; the same
    idempotency key twice (a double click) returns the first order. The cart is claimed first, so
    it places at most one pending order. Raises SoldOut, CartChanged, CartAlreadyOrdered."""
    try:
        # First statement: claims the key (a concurrent double click waits here, then fails).
        db.session.execute(insert(CheckoutAttempt).values(key=idempotency_key, created_at=utcnow()))
    except IntegrityError:
        db.session.rollback()
        existing = order_for_key(idempotency_key)
        if existing is None:
            raise Conflict(_("This order is already being placed. Please wait.")) from None
        return existing
    try:
        claim_cart(cart, idempotency_key)  # a second tab with the same cart stops here
        order = _create_order(cart, data, gateway, locale, user_id)
    except DomainError:
        db.session.rollback()  # the key, the order and every stock change go together
        raise
    db.session.execute(
        update(CheckoutAttempt)
        .where(CheckoutAttempt.key == idempotency_key)
        .values(order_id=order.id)
        .execution_options(synchronize_session=False)
    )
    cart.lines.clear()
    db.session.commit()
    start_payment(order, gateway)
    return order


class BelowMinimum(DomainError):
    """The order total is less than the payment service's smallest charge."""


def check_minimum(total_idr: int, gateway: Gateway) -> None:
    """Refuse, before any stock is held, a total the gateway would refuse to charge."""
    if total_idr < gateway.min_amount_idr:
        raise BelowMinimum(
            _(
                "The minimum order is %(minimum)s; this order comes to %(total)s. Please add "
                "something to your cart.",
                minimum=format_idr(gateway.min_amount_idr),
                total=format_idr(total_idr),
            )
        )


def _create_order(
    cart: Cart, data: dict[str, Any], gateway: Gateway, locale: str, user_id: int | None
) -> Order:
    views = _checked_lines(cart, locale)
    subtotal = cart_subtotal(views)
    shipping = shipping_fee(data["delivery_method"], data.get("province", ""))
    check_minimum(subtotal + shipping, gateway)
    order = Order(
        number=new_order_number(),
        token=secrets.token_urlsafe(32),
        user_id=user_id,
        subtotal_idr=subtotal,
        shipping_idr=shipping,
        total_idr=subtotal + shipping,
        locale=locale,
        gateway=gateway.name,
        reserved_until=utcnow() + timedelta(minutes=current_app.config["RESERVATION_MINUTES"]),
        lines=[_snapshot(view, locale) for view in views],
        **data,
    )
    db.session.add(order)
    db.session.flush()
    # Sorted by product id so two buyers of the same products lock rows in the same order.
    short = stock.take_all(sorted(stock.stocked_lines(order)))
    if short is not None:
        title = next(v.product.title(locale) for v in views if v.product.id == short)
        raise SoldOut(
            _("Sorry, %(title)s is sold out: someone bought it just before you.", title=title)
        )
    return order


def start_payment(
    order: Order, gateway: Gateway, method: str | None = None, *, return_url: str = ""
) -> PaymentResult | None:
    """Create the gateway payment for the order unless it has one (at most one live payment),
    with `method` (by default the gateway's own; a gateway without one, Midtrans, waits for the
    buyer's choice on the pay page). Its deadline is the end of the stock reservation. A failure
    leaves the order pending without a payment; the pay page says so. Returns the gateway's
    answer (what the buyer must do next) when a payment was created."""
    method = method or getattr(gateway, "default_method", "card")
    if order.payment_reference or method is None:
        return None
    request = PaymentRequest(
        order_id=order.id,
        order_number=order.number,
        amount_idr=order.total_idr,
        email=order.email,
        idempotency_key=f"order-{order.id}-{order.token[:8]}-attempt-{order.payment_attempt}",
        method=method,
        expires_at=order.reserved_until,
        name=order.contact_name,
        phone=order.phone,
        return_url=return_url,
    )
    try:
        result = gateway.create_payment(request)
    except GatewayUnavailable:  # outcome unknown: the same key next time gets what was made
        log.warning("payment not created yet", extra={"order_id": order.id}, exc_info=True)
        return None
    except GatewayError:  # refused, and the gateway may keep that answer for the key: a new one
        log.warning("payment refused", extra={"order_id": order.id}, exc_info=True)
        order.payment_attempt += 1
        db.session.commit()
        return None
    order.payment_reference = result.reference
    order.gateway = gateway.name
    db.session.commit()
    return result
