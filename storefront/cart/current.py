"""Which cart belongs to this request: the signed-in user's, else the guest cart named by a signed
cookie. Also the login hook that merges a guest cart into the account's."""

from typing import Literal, overload

from flask import Flask, Response, current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from storefront.cart import services
from storefront.cart.models import Cart
from storefront.security import cookie_name, cookie_options

COOKIE = "cart"
COOKIE_DAYS = 30
# Where the menu shows no cart count (no shopping there: no cart lookup): whole blueprints, and
# the staff pages of public blueprints (the sponsor's report).
STAFF_AREAS = ("admin", "maker_dashboard")
STAFF_PAGES = ("impact.report_page",)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="cart")


def cookie_token() -> str | None:
    raw = request.cookies.get(cookie_name(COOKIE))
    if not raw:
        return None
    try:
        token = _serializer().loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


@overload
def current_cart(*, create: Literal[True]) -> Cart: ...
@overload
def current_cart(*, create: bool = False) -> Cart | None: ...
def current_cart(*, create: bool = False) -> Cart | None:
    """The cart of this visitor; with create=True a new one (not committed) if there is none."""
    if "cart" in g and (g.cart is not None or not create):
        return g.cart
    if current_user.is_authenticated:
        cart = services.find_cart(user_id=current_user.id)
    else:
        cart = services.find_cart(token=cookie_token())
    if cart is None and create:
        cart = services.new_cart(current_user.id if current_user.is_authenticated else None)
        if cart.user_id is None:
            g.set_cart_cookie = cart.token
    g.cart = cart
    return cart


def merge_on_login(app: Flask, user, **_extra) -> None:
    """user_logged_in receiver: the guest cart of this browser joins the account's cart."""
    guest = services.find_cart(token=cookie_token())
    if guest is not None and guest.user_id is None:
        services.merge_carts(guest, user.id)
    g.pop("cart", None)


def set_cart_cookie(response: Response) -> Response:
    """after_request: name a guest cart created during this request in a signed cookie."""
    token = g.pop("set_cart_cookie", None)
    if token:
        response.set_cookie(
            cookie_name(COOKIE),
            _serializer().dumps(token),
            max_age=COOKIE_DAYS * 24 * 3600,
            **cookie_options(),
        )
    return response


def cart_count() -> dict:
    """Context processor: `cart_count()` for the navigation; the cart is loaded only if called."""

    def _count() -> int:
        try:
            if "cart" in g:  # the page loaded the cart already
                return g.cart.item_count if g.cart else 0
            if request.blueprint in STAFF_AREAS or request.endpoint in STAFF_PAGES:
                return 0
            if current_user.is_authenticated:
                return services.item_count(user_id=current_user.id)
            token = cookie_token()
        except RuntimeError:  # outside a request
            return 0
        # A guest without a cart cookie has no cart: no query (and the page stays cacheable).
        return services.item_count(token=token) if token else 0

    return {"cart_count": _count}
