"""A content page's text in both languages; a page nobody edited yet shows its default text."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, TimestampMixin

PAGE_SLUGS = ("contact", "shipping-returns", "privacy", "terms")


class ContentPage(TimestampMixin, Base):
    __tablename__ = "content_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    title_id: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120), default="")
    body_id: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    def title(self, locale: str) -> str:
        return (self.title_en if locale == "en" else "") or self.title_id

    def body(self, locale: str) -> str:
        return (self.body_en if locale == "en" else "") or self.body_id
