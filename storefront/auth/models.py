"""Users and roles."""

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, TimestampMixin


class Role(StrEnum):
    CUSTOMER = "customer"
    MAKER = "maker"
    ADMIN = "admin"
    SPONSOR = "sponsor"


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.CUSTOMER)
    locale: Mapped[str] = mapped_column(String(5), default="id")
    is_enabled: Mapped[bool] = mapped_column(default=True)
    # Bumped on deactivation or password change: every session carrying the old value ends.
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def has_role(self, *roles: str) -> bool:
        """True if the user holds one of the given roles."""
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
