"""What the buyer must do to pay (a QR to scan, a virtual account, an app link): kept from the
gateway's answer, drawn (the QR, server-side as inline SVG: no image service sees the code),
shown on the pay and order pages and mailed once."""

import segno
from flask_babel import lazy_gettext as _
from markupsafe import Markup

from storefront.extensions import db
from storefront.mail import send_mail
from storefront.orders.models import Order
from storefront.payments.gateway import NextAction
from storefront.payments.models import PaymentInstruction


def record(order: Order, gateway_name: str, action: NextAction) -> PaymentInstruction:
    """Keep the gateway's instruction for the order's current payment (commits)."""
    instruction = PaymentInstruction(
        order_id=order.id,
        gateway=gateway_name,
        reference=order.payment_reference or "",
        method=action.method,
        kind=action.kind,
        qr_string=action.qr_string or "",
        va_number=action.va_number or "",
        bank=action.bank or "",
        biller_code=action.biller_code or "",
        url=(action.deeplink_url or action.redirect_url or "")[:500],
        expires_at=action.expires_at,
    )
    db.session.add(instruction)
    db.session.commit()
    return instruction


def current(order: Order) -> PaymentInstruction | None:
    """The instruction of the order's current payment, if it has one."""
    if not order.payment_reference:
        return None
    instructions = getattr(order, "payment_instructions", [])
    return next((i for i in reversed(instructions) if i.reference == order.payment_reference), None)


def qr_svg(qr_string: str) -> Markup:
    """The QR drawn as inline SVG (escaped by segno; no script, no style attribute)."""
    code = segno.make(qr_string, error="m")
    # segno writes only path data made from the QR modules (the string is never in the SVG).
    return Markup(code.svg_inline(scale=5, border=4, title="QRIS"))  # noqa: S704  # nosec B704


def mail_how_to_pay(order: Order, instruction: PaymentInstruction, pay_url: str) -> None:
    """The buyer's copy of how to pay (virtual account number or QR link, and the deadline)."""
    send_mail(
        order.email,
        _("How to pay for order %(number)s", number=order.number),
        "how_to_pay",
        order.locale,
        order=order,
        instruction=instruction,
        pay_url=pay_url,
    )
