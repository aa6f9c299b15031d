"""Cart use cases. Prices and stock are always read from the products, never from the request."""

import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from storefront.cart.models import LINE_CAP, Cart, CartLine
from storefront.catalog.models import ListingStatus, Product, ProductVariant
from storefront.errors import Conflict, DomainError, NotFound
from storefront.extensions import db
from storefront.validation import parse_id


class CartError(DomainError):
    """A cart change that is refused; the cart is left as it was."""


class SoldOut(Conflict):
    """Someone else reserved the last units first."""


class CartChanged(Conflict):
    """A line became unavailable or dearer since the customer last saw the cart."""


@dataclass(frozen=True)
class LineView:
    """A cart line as shown: today's price and stock, and what changed since it was added."""

    line: CartLine
    product: Product
    unit_price_idr: int
    line_total_idr: int
    is_unavailable: bool
    only_left: int | None  # fewer units left than the line asks for
    is_dearer: bool
    variant: ProductVariant | None = None

    @property
    def is_blocking(self) -> bool:
        return self.is_unavailable or self.only_left is not None or self.is_dearer

    @property
    def is_sold_out(self) -> bool:
        """Still listed, but not enough units left for this line."""
        return self.only_left is not None or (
            self.is_unavailable
            and self.product.status == ListingStatus.LIVE
            and self.product.maker.is_listed
            and (self.variant is None or self.variant.is_approved)
        )


def blocking_error(views: list["LineView"], locale: str) -> DomainError | None:
    """Why this cart cannot be paid now (sold out first: it is the message buyers expect)."""
    for view in views:
        if view.is_sold_out:
            return SoldOut(
                _(
                    "Sorry, %(title)s is sold out: someone bought it just before you.",
                    title=view.product.title(locale),
                )
            )
    if any(view.is_blocking for view in views):
        return CartChanged(_("Something in your cart changed. Please check it before you pay."))
    return None


def is_buyable(product: Product | None) -> bool:
    """A live listing of an active maker that can still be bought."""
    return (
        product is not None
        and product.status == ListingStatus.LIVE
        and product.maker.is_listed
        and product.is_available
    )


def line_cap(product: Product, variant: ProductVariant | None = None) -> int:
    """Most units one line may hold: the per-line cap, and the stock unless made to order."""
    if product.is_made_to_order:
        return LINE_CAP
    return min(variant.stock if variant is not None else product.stock, LINE_CAP)


def parse_quantity(raw: str | None, product: Product, variant: ProductVariant | None = None) -> int:
    """ASCII digits from 1 to the line cap; anything else is a CartError."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 3 or int(text) < 1:
        raise CartError(_("Please enter a quantity as a whole number, 1 or more."))
    quantity = int(text)
    cap = line_cap(product, variant)
    if quantity > cap:
        raise CartError(_("You can buy at most %(count)d of this product.", count=cap))
    return quantity


def find_cart(*, user_id: int | None = None, token: str | None = None) -> Cart | None:
    """The signed-in user's cart, else the guest cart with this token."""
    lines = selectinload(Cart.lines)
    query = select(Cart).options(
        lines.joinedload(CartLine.product).joinedload(Product.maker),
        lines.joinedload(CartLine.variant),
    )
    if user_id is not None:
        return db.session.scalar(query.where(Cart.user_id == user_id))
    if token:
        return db.session.scalar(query.where(Cart.token == token, Cart.user_id.is_(None)))
    return None


def item_count(*, user_id: int | None = None, token: str | None = None) -> int:
    """Units in the signed-in user's (or the guest token's) cart, for the menu: one SUM, without
    loading the cart, its lines and their products."""
    query = select(func.coalesce(func.sum(CartLine.quantity), 0)).join(
        Cart, Cart.id == CartLine.cart_id
    )
    if user_id is not None:
        query = query.where(Cart.user_id == user_id)
    else:
        query = query.where(Cart.token == token, Cart.user_id.is_(None))
    return int(db.session.scalar(query) or 0)


def new_cart(user_id: int | None = None) -> Cart:
    cart = Cart(token=secrets.token_urlsafe(32), user_id=user_id)
    db.session.add(cart)
    return cart


def _product(product_id: str | int | None) -> Product:
    row_id = parse_id(product_id)
    product = db.session.get(Product, row_id) if row_id is not None else None
    if product is None or not is_buyable(product):
        raise NotFound(_("This product is no longer available."))
    return product


def _variant(product: Product, variant_id: str | int | None) -> ProductVariant | None:
    """The chosen option of a product that has options on sale (one is required); None for a
    product without. An option waiting for review is not on sale (listings.variants)."""
    row_id = parse_id(variant_id)
    variant = next((v for v in product.variants if v.id == row_id), None)
    if variant is not None and not variant.is_approved:
        raise CartError(_("Sorry, this option is not available. Please choose another."))
    if not product.approved_variants:
        return None
    if variant is None:
        raise CartError(_("Please choose a colour or size."))
    if variant.stock <= 0 and not product.is_made_to_order:
        raise SoldOut(
            _("Sorry, %(option)s is sold out. Please choose another.", option=variant.label)
        )
    return variant


def add_to_cart(
    cart: Cart,
    product_id: str | int | None,
    quantity_raw: str | None,
    variant_id: str | int | None = None,
) -> CartLine:
    """Add units of a product, or of one of its options (or more to its line); commits."""
    product = _product(product_id)
    variant = _variant(product, variant_id)
    quantity = parse_quantity(quantity_raw, product, variant)
    wanted = variant.id if variant is not None else None
    line = next(
        (x for x in cart.lines if x.product_id == product.id and x.variant_id == wanted), None
    )
    if line is not None:
        quantity = parse_quantity(str(line.quantity + quantity), product, variant)
        line.quantity = quantity
    else:
        line = CartLine(product=product, variant=variant, quantity=quantity)
        cart.lines.append(line)
    line.seen_price_idr = line.unit_price_idr
    db.session.commit()
    return line


def _line(cart: Cart, line_id: str | int | None) -> CartLine:
    text = str(line_id or "").strip()
    line = next((line for line in cart.lines if str(line.id) == text), None)
    if line is None:
        raise NotFound(_("This item is not in your cart."))
    return line


def update_line(cart: Cart, line_id: str | int | None, quantity_raw: str | None) -> None:
    """Set a line's quantity; the customer has now seen today's price. Commits."""
    line = _line(cart, line_id)
    if not is_buyable(line.product):
        raise CartError(_("This product is no longer available. Please remove it."))
    line.quantity = parse_quantity(quantity_raw, line.product, line.variant)
    line.seen_price_idr = line.unit_price_idr
    db.session.commit()


def remove_line(cart: Cart, line_id: str | int | None) -> None:
    """Take a line out of the cart; commits."""
    cart.lines.remove(_line(cart, line_id))
    db.session.commit()


def merge_carts(guest: Cart, user_id: int) -> Cart:
    """Move a guest cart's lines into the user's cart (capped per line); commits."""
    target = find_cart(user_id=user_id)
    if target is None:
        guest.user_id = user_id
        db.session.commit()
        return guest
    for line in list(guest.lines):
        existing = next(
            (
                x
                for x in target.lines
                if x.product_id == line.product_id and x.variant_id == line.variant_id
            ),
            None,
        )
        if existing is None:
            target.lines.append(
                CartLine(
                    product_id=line.product_id,
                    variant_id=line.variant_id,
                    quantity=line.quantity,
                    seen_price_idr=line.seen_price_idr,
                )
            )
        else:
            existing.quantity = max(1, min(existing.quantity + line.quantity, LINE_CAP))
    db.session.delete(guest)
    db.session.commit()
    return target


def cart_lines(cart: Cart | None) -> list[LineView]:
    """Each line with today's price and stock, flagged when it became unavailable or dearer."""
    views = []
    for line in cart.lines if cart else []:
        product = line.product
        waiting = line.variant is not None and not line.variant.is_approved
        unavailable = waiting or not is_buyable(product)
        short = (
            None
            if unavailable or product.is_made_to_order or line.stock >= line.quantity
            else line.stock
        )
        price = line.unit_price_idr
        views.append(
            LineView(
                line=line,
                product=product,
                unit_price_idr=price,
                line_total_idr=price * line.quantity,
                is_unavailable=unavailable,
                only_left=short,
                is_dearer=price > line.seen_price_idr,
                variant=line.variant,
            )
        )
    return views


def cart_subtotal(views: list[LineView]) -> int:
    """Rupiah of the cart's lines at today's prices (what checkout will charge)."""
    return sum(view.line_total_idr for view in views)
