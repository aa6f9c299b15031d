"""Signed, expiring, single-use links (invitation, password reset).

Single use without a table: each token carries a fingerprint of the user's password hash and
session version. Setting a password (or deactivating her) changes both, so every earlier link dies.
"""

import hashlib
from datetime import timedelta
from enum import StrEnum

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from storefront.auth.models import User
from storefront.extensions import db


class Purpose(StrEnum):
    INVITE = "invite"
    RESET = "reset"


class TokenProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class TokenError(Exception):
    """The link cannot be used; `problem` says why."""

    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def max_age(purpose: Purpose) -> timedelta:
    config = current_app.config
    if purpose is Purpose.INVITE:
        return timedelta(days=config.get("INVITATION_DAYS", 7))
    return timedelta(hours=config.get("PASSWORD_RESET_HOURS", 2))


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"storefront.{purpose}")


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash or ''}:{user.session_version}:{user.is_enabled}"
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def make_token(user: User, purpose: Purpose) -> str:
    """A link token for `user`, valid until it expires or her password changes."""
    return _serializer(purpose).dumps({"u": user.id, "f": _fingerprint(user)})


def load_token(token: str, purpose: Purpose) -> User:
    """The user a token belongs to; raises TokenError if tampered, expired or already used."""
    try:
        data = _serializer(purpose).loads(token, max_age=int(max_age(purpose).total_seconds()))
    except SignatureExpired as exc:
        raise TokenError(TokenProblem.EXPIRED) from exc
    except BadSignature as exc:
        raise TokenError(TokenProblem.INVALID) from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise TokenError(TokenProblem.INVALID)
    user = db.session.get(User, data["u"])
    if user is None or not user.is_enabled or data.get("f") != _fingerprint(user):
        raise TokenError(TokenProblem.USED)
    return user
