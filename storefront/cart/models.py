"""Carts kept in the database: a guest's is found by the token in a signed cookie, a customer's by
user id."""

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.catalog.models import Product, ProductVariant
from storefront.database import Base, TimestampMixin

LINE_CAP = 10  # most units of one product in one cart line


class Cart(TimestampMixin, Base):
    __tablename__ = "cart"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), unique=True)
    # The idempotency key of the checkout that claimed this cart (checkout.claim): while its order
    # waits for payment, the cart places no other order. A plain string, not a foreign key, so a
    # pruned checkout attempt just makes the claim stale.
    checkout_key: Mapped[str | None] = mapped_column(String(64))

    lines: Mapped[list["CartLine"]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id"
    )

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


class CartLine(Base):
    __tablename__ = "cart_line"
    __table_args__ = (
        UniqueConstraint("cart_id", "product_id", "variant_id", name="one_line_per_variant"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("product_variant.id"))
    quantity: Mapped[int] = mapped_column()
    # The price the customer last saw: a dearer price now is shown, never charged silently.
    seen_price_idr: Mapped[int] = mapped_column()

    cart: Mapped[Cart] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
    variant: Mapped[ProductVariant | None] = relationship()

    @property
    def unit_price_idr(self) -> int:
        return self.variant.price_idr if self.variant is not None else self.product.price_idr

    @property
    def stock(self) -> int:
        return self.variant.stock if self.variant is not None else self.product.stock
