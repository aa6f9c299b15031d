"""Imports every model module so SQLAlchemy and Alembic see the whole schema."""

from storefront.audit import AuditEntry
from storefront.auth.models import Role, User, UserSession
from storefront.cart.models import Cart, CartLine
from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.checkout.models import CheckoutAttempt
from storefront.earnings.models import LedgerEntry, LedgerTransaction, Payout
from storefront.jobs.models import OutboxJob
from storefront.listings.models import ProductRevision
from storefront.makers.models import Maker
from storefront.orders.models import Order, OrderLine, OrderStatus, OrderStatusChange
from storefront.payments.models import ManualRefund, PaymentEvent, PaymentInstruction
from storefront.reviews.models import Review
from storefront.stock_alerts.models import StockAlert
from storefront.wishlist.models import WishlistItem

__all__ = [
    "AuditEntry",
    "Cart",
    "CartLine",
    "Category",
    "CheckoutAttempt",
    "LedgerEntry",
    "LedgerTransaction",
    "ListingStatus",
    "Maker",
    "ManualRefund",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderStatusChange",
    "OutboxJob",
    "PaymentEvent",
    "PaymentInstruction",
    "Payout",
    "Product",
    "ProductPhoto",
    "ProductRevision",
    "Review",
    "Role",
    "StockAlert",
    "User",
    "UserSession",
    "WishlistItem",
]
