"""Categories, products and their photos."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.database import Base, TimestampMixin
from storefront.makers.models import Maker


class ListingStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    LIVE = "live"
    REJECTED = "rejected"
    ARCHIVED = "archived"


class Category(Base):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_id: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_id


class Product(TimestampMixin, Base):
    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("price_idr > 0", name="price_positive"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        Index("ix_product_status_published", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title_id: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120), default="")
    description_id: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    materials_id: Mapped[str] = mapped_column(String(300), default="")
    materials_en: Mapped[str] = mapped_column(String(300), default="")
    care_id: Mapped[str] = mapped_column(String(300), default="")
    care_en: Mapped[str] = mapped_column(String(300), default="")
    price_idr: Mapped[int] = mapped_column()
    # Units available to buy now; reservations and sales take from it with a conditional UPDATE.
    stock: Mapped[int] = mapped_column(default=0)
    is_made_to_order: Mapped[bool] = mapped_column(default=False)
    lead_time_days: Mapped[int | None] = mapped_column()
    plastic_grams: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(16), default=ListingStatus.DRAFT, index=True)
    is_featured: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Approved reviews, kept on the row (storefront.reviews) so cards show them with no query.
    review_count: Mapped[int] = mapped_column(default=0, server_default="0")
    rating_total: Mapped[int] = mapped_column(default=0, server_default="0")

    maker: Mapped[Maker] = relationship()
    category: Mapped[Category] = relationship()
    photos: Mapped[list["ProductPhoto"]] = relationship(
        back_populates="product", order_by="ProductPhoto.position", cascade="all, delete-orphan"
    )
    # Options (colour, size) with their own stock; none for a simple or one-of-a-kind product.
    # With variants, `stock` is kept as the sum of theirs, so every product-level rule holds.
    variants: Mapped[list["ProductVariant"]] = relationship(
        back_populates="product", order_by="ProductVariant.position", cascade="all, delete-orphan"
    )

    def title(self, locale: str) -> str:
        return (self.title_en if locale == "en" else "") or self.title_id

    def description(self, locale: str) -> str:
        return (self.description_en if locale == "en" else "") or self.description_id

    def materials(self, locale: str) -> str:
        return (self.materials_en if locale == "en" else "") or self.materials_id

    def care(self, locale: str) -> str:
        return (self.care_en if locale == "en" else "") or self.care_id

    @property
    def is_available(self) -> bool:
        return self.is_made_to_order or self.stock > 0

    @property
    def is_one_of_a_kind(self) -> bool:
        return not self.is_made_to_order and self.stock == 1

    @property
    def rating_average(self) -> float | None:
        return round(self.rating_total / self.review_count, 1) if self.review_count else None

    @property
    def cover(self) -> "ProductPhoto | None":
        return self.photos[0] if self.photos else None

    @property
    def approved_variants(self) -> list["ProductVariant"]:
        """The options on sale: one waiting for review is neither shown, sold nor counted."""
        return [variant for variant in self.variants if variant.is_approved]

    def __repr__(self) -> str:
        return f"<Product {self.slug}>"


class ProductPhoto(Base):
    __tablename__ = "product_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # Server-generated storage key; the stored files are "<key>-<width>.webp".
    key: Mapped[str] = mapped_column(String(80))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()

    product: Mapped[Product] = relationship(back_populates="photos")


class MakeRequest(TimestampMixin, Base):
    """A customer's "please make another" for a product that is gone, for the admin to pass on to
    the maker (who accepts requests): how to answer her is WhatsApp, email or both."""

    __tablename__ = "make_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    whatsapp: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    message: Mapped[str] = mapped_column(Text, default="")
    locale: Mapped[str] = mapped_column(String(5), default="id")
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    product: Mapped[Product] = relationship()
    maker: Mapped[Maker] = relationship()


class ProductVariant(Base):
    __tablename__ = "product_variant"
    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    colour: Mapped[str] = mapped_column(String(40), default="")
    size: Mapped[str] = mapped_column(String(20), default="")
    # Added to the product's price (may be negative, never below Rp1 in total).
    price_delta_idr: Mapped[int] = mapped_column(default=0)
    stock: Mapped[int] = mapped_column(default=0)
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_photo.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    # An option that changes a live listing's price waits for an admin (listings.variants); until
    # then its stock is not part of the product's. Options added before that rule are approved.
    is_approved: Mapped[bool] = mapped_column(default=True, server_default=true())
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    product: Mapped[Product] = relationship(back_populates="variants")
    photo: Mapped[ProductPhoto | None] = relationship()

    @property
    def label(self) -> str:
        return " / ".join(part for part in (self.colour, self.size) if part)

    @property
    def price_idr(self) -> int:
        return self.product.price_idr + self.price_delta_idr


class ProductSearch(Base):
    """The searchable text of one public product (storefront/catalog/search.py keeps it in sync).

    PostgreSQL indexes `to_tsvector('simple', body)` with GIN (and body's trigrams for "did you
    mean"); SQLite mirrors it into the FTS5 table product_search_fts by triggers (migration 0018).
    """

    __tablename__ = "product_search"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("product.id", ondelete="CASCADE"), primary_key=True
    )
    body: Mapped[str] = mapped_column(Text, default="")


# Migration 0017: featured products, the price sorts, a maker's products and counts.
Index("ix_product_status_featured", Product.status, Product.is_featured, Product.published_at)
Index("ix_product_status_price", Product.status, Product.price_idr)
Index("ix_product_maker_status", Product.maker_id, Product.status, Product.published_at)
