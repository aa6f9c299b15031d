"""Imports every model module so SQLAlchemy and Alembic see the whole schema."""

from storefront.auth.models import Role, User
from storefront.catalog.models import Category, ListingStatus, Product, ProductPhoto
from storefront.makers.models import Maker

__all__ = ["Category", "ListingStatus", "Maker", "Product", "ProductPhoto", "Role", "User"]
from storefront.orders.models import Order, OrderLine, OrderStatus, OrderStatusChange  # noqa: E402

__all__ += ["Order", "OrderLine", "OrderStatus", "OrderStatusChange"]
