"""One cart, at most one order waiting for payment.

Placing an order first claims the cart: a conditional UPDATE that writes the checkout's key only
if the cart still holds the claim the checkout read (none, or one whose order no longer waits for
payment). Two tabs posting the same cart at the same moment cannot both win: on PostgreSQL the
second UPDATE waits for the first's row lock and then re-checks its WHERE against the committed
row; on SQLite writers are serialised, so the second reads the committed claim. The loser is sent
to the winner's pay page.
"""

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from storefront.cart.models import Cart
from storefront.checkout.models import CheckoutAttempt
from storefront.database import rows_matched
from storefront.errors import Conflict
from storefront.extensions import db
from storefront.orders.models import Order, OrderStatus


class CartAlreadyOrdered(Conflict):
    """The cart already has an order waiting for payment (`order`): pay that one first."""

    def __init__(self, order: Order) -> None:
        super().__init__(
            _(
                "Your order %(number)s is waiting for payment. Pay for it here; anything you "
                "add to your cart now can be ordered after it.",
                number=order.number,
            )
        )
        self.order = order


def order_for_key(key: str | None) -> Order | None:
    """The order a checkout form with this idempotency key already placed, if any."""
    attempt = db.session.get(CheckoutAttempt, key) if key else None
    return db.session.get(Order, attempt.order_id) if attempt and attempt.order_id else None


def _waiting(order: Order | None) -> Order | None:
    return order if order is not None and order.status == OrderStatus.PENDING_PAYMENT else None


def pending_order_of(cart: Cart | None) -> Order | None:
    """The order this cart's last checkout placed, while it still waits for payment."""
    return _waiting(order_for_key(cart.checkout_key)) if cart is not None else None


def claim_cart(cart: Cart, key: str) -> None:
    """Claim the cart for the checkout with this key, inside the caller's transaction (a rollback
    gives the claim back). Raises CartAlreadyOrdered if another checkout holds it."""
    seen = db.session.scalar(select(Cart.checkout_key).where(Cart.id == cart.id))
    if (waiting := _waiting(order_for_key(seen))) is not None:
        raise CartAlreadyOrdered(waiting)
    same_claim = Cart.checkout_key.is_(None) if seen is None else Cart.checkout_key == seen
    claimed = db.session.execute(
        update(Cart).where(Cart.id == cart.id, same_claim).values(checkout_key=key),
        execution_options={"synchronize_session": False},
    )
    if rows_matched(claimed) != 1:  # another tab claimed it between our read and our UPDATE
        raise _lost_to_another_checkout(cart)
    set_committed_value(cart, "checkout_key", key)


def _lost_to_another_checkout(cart: Cart) -> Conflict:
    db.session.rollback()
    waiting = pending_order_of(cart)
    if waiting is not None:
        return CartAlreadyOrdered(waiting)
    return Conflict(_("This order is already being placed. Please wait."))
