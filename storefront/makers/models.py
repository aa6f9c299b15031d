"""Makers: the women who make the products, and their public profile."""

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.auth.models import User
from storefront.database import Base, TimestampMixin


def public_name_of(full_name: str, chosen_name: str | None, uses_chosen_name: bool) -> str:
    """The public-name rule, for pages that read the columns rather than whole makers."""
    if uses_chosen_name and chosen_name:
        return chosen_name
    return full_name.split()[0]


class Maker(TimestampMixin, Base):
    __tablename__ = "maker"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), unique=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    # The name shown in public when she prefers not to show her real first name.
    chosen_name: Mapped[str | None] = mapped_column(String(80))
    uses_chosen_name: Mapped[bool] = mapped_column(default=False)
    shows_portrait: Mapped[bool] = mapped_column(default=True)
    shows_sales_count: Mapped[bool] = mapped_column(default=True)
    # Whether the sponsor report may show her income by name (otherwise "Maker A", "Maker B"...).
    shares_income: Mapped[bool] = mapped_column(default=False, server_default="0")
    neighbourhood: Mapped[str] = mapped_column(String(120), default="")
    story_id: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    specialty_id: Mapped[str] = mapped_column(String(200), default="")
    specialty_en: Mapped[str] = mapped_column(String(200), default="")
    portrait_key: Mapped[str | None] = mapped_column(String(80))
    joined_on: Mapped[date | None] = mapped_column(Date)
    # Shown in the public shop (an admin can hide her); not her account's state (User.is_enabled).
    is_listed: Mapped[bool] = mapped_column(default=True)
    # Platform fee override in basis points; None means the configured default.
    fee_bps: Mapped[int | None] = mapped_column()

    user: Mapped[User | None] = relationship()

    @property
    def public_name(self) -> str:
        """Her first name, or the name she chose to show instead."""
        return public_name_of(self.full_name, self.chosen_name, self.uses_chosen_name)

    def story(self, locale: str) -> str:
        return (self.story_en if locale == "en" else "") or self.story_id

    def specialty(self, locale: str) -> str:
        return (self.specialty_en if locale == "en" else "") or self.specialty_id

    def __repr__(self) -> str:
        return f"<Maker {self.slug}>"


class MakerOldSlug(Base):
    """A slug a maker's public page used to have: old links answer with a 301 to her new page."""

    __tablename__ = "maker_old_slug"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    maker_id: Mapped[int] = mapped_column(ForeignKey("maker.id", ondelete="CASCADE"), index=True)
