"""Imports every model module so SQLAlchemy and Alembic see the whole schema."""

from storefront.audit import AuditEntry
from storefront.auth.models import Role, User, UserSession
from storefront.cart.models import Cart, CartLine
from storefront.catalog.models import (
    Category,
    ListingStatus,
    MakeRequest,
    Product,
    ProductPhoto,
    ProductVariant,
)
from storefront.checkout.models import CheckoutAttempt
from storefront.currency import CurrencyRate
from storefront.earnings.models import (
    LedgerEntry,
    LedgerMonth,
    LedgerTransaction,
    MakerMonth,
    Payout,
)
from storefront.jobs.models import OutboxJob
from storefront.listings.models import ProductRevision, StagedPhoto
from storefront.makers.models import Maker
from storefront.orders.models import Order, OrderLine, OrderStatus, OrderStatusChange
from storefront.pages.models import ContentPage
from storefront.payments.models import ManualRefund, PaymentEvent, PaymentInstruction
from storefront.reviews.models import Review
from storefront.stock_alerts.models import StockAlert
from storefront.vouchers.models import SponsorCampaign, Voucher, VoucherRedemption
from storefront.wishlist.models import WishlistItem

__all__ = [
    "AuditEntry",
    "Cart",
    "CartLine",
    "Category",
    "CheckoutAttempt",
    "ContentPage",
    "CurrencyRate",
    "LedgerEntry",
    "LedgerMonth",
    "LedgerTransaction",
    "ListingStatus",
    "MakeRequest",
    "Maker",
    "MakerMonth",
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
    "ProductVariant",
    "Review",
    "Role",
    "SponsorCampaign",
    "StagedPhoto",
    "StockAlert",
    "User",
    "UserSession",
    "Voucher",
    "VoucherRedemption",
    "WishlistItem",
]
