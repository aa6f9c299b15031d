"""Account use cases: sign-in check, registration, passwords, deactivation (a maker's account
is made with her profile, in makers.services)."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from storefront.auth.models import Role, User
from storefront.auth.passwords import hash_password, needs_rehash, verify_password
from storefront.auth.phone import looks_like_phone, normalise_phone
from storefront.auth.sessions import end_all_sessions
from storefront.database import utcnow
from storefront.errors import Conflict, DomainError, Forbidden
from storefront.extensions import db

# Verified against when no user matches, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = hash_password("not-a-real-password")


def normalise_email(raw: str | None) -> str | None:
    value = (raw or "").strip().lower()
    return value or None


def find_user(identifier: str) -> User | None:
    """The user with this email or (normalised) phone number, if any."""
    identifier = (identifier or "").strip()
    if looks_like_phone(identifier):
        phone = normalise_phone(identifier)
        if phone is None:
            return None
        return db.session.scalar(select(User).where(User.phone == phone))
    email = normalise_email(identifier)
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def authenticate(identifier: str, password: str) -> User:
    """The user these credentials belong to; one generic error for every wrong combination."""
    user = find_user(identifier)
    if user is None or not user.password_hash:
        verify_password(_DUMMY_HASH, password)
        raise DomainError(_("Wrong email, phone number or password."))
    if not verify_password(user.password_hash, password):
        raise DomainError(_("Wrong email, phone number or password."))
    if not user.is_enabled:
        raise Forbidden(_("This account has been switched off. Please contact the shop team."))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def check_unique(email: str | None, phone: str | None) -> None:
    """Conflict if an account already has this email or phone number."""
    if email and db.session.scalar(db.select(User.id).where(func.lower(User.email) == email)):
        raise Conflict(_("An account with this email already exists."))
    if phone and db.session.scalar(db.select(User.id).where(User.phone == phone)):
        raise Conflict(_("An account with this phone number already exists."))


def register_customer(
    name: str, email: str, password: str, locale: str, phone: str | None = None
) -> User:
    """Create a customer account (the form has checked the password's strength)."""
    address, phone = normalise_email(email), normalise_phone(phone)
    check_unique(address, phone)
    user = User(
        name=name.strip(),
        email=address,
        phone=phone,
        role=Role.CUSTOMER,
        locale=locale,
        password_hash=hash_password(password),
        last_login_at=utcnow(),
    )
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # the same email or phone registered at the same moment
        db.session.rollback()
        raise Conflict(_("An account with this email or phone number already exists.")) from None
    return user


def set_password(user: User, password: str) -> User:
    """New password; every open session and every earlier link of hers stops working (the
    browser that set it then gets a new session of its own)."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    user.last_login_at = utcnow()
    end_all_sessions(user, commit=False)
    db.session.commit()
    return user


def set_enabled(user: User, enabled: bool) -> User:
    """Switch a maker or customer account off (ending her sessions at once) or on again."""
    if user.role not in (Role.MAKER, Role.CUSTOMER):
        raise Forbidden(_("Only maker and customer accounts can be switched off here."))
    if user.is_enabled != enabled:
        user.is_enabled = enabled
        user.session_version += 1
        end_all_sessions(user, commit=False)
        db.session.commit()
    return user


def create_admin(email: str, password: str, name: str = "Admin") -> User:
    """An admin account (used by the `create-admin` command)."""
    address = normalise_email(email)
    check_unique(address, None)
    user = User(
        name=name,
        email=address,
        role=Role.ADMIN,
        locale="id",
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.commit()
    return user
