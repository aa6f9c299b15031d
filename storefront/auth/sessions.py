"""Server-side sessions: a row per signed-in browser, so that ending it ends every copy of its
cookies, on every app instance (the state is in the database, not in a process)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from storefront.auth.models import User, UserSession
from storefront.database import as_utc, utcnow
from storefront.extensions import db


@dataclass(frozen=True)
class Lifetimes:
    """How long a session lives: idle and absolute for a plain one, `remembered` for "keep me
    signed in" (the remember cookie's duration); `touch` is how stale last_seen_at may get."""

    idle: timedelta
    absolute: timedelta
    remembered: timedelta
    touch: timedelta = timedelta(seconds=60)

    @classmethod
    def from_config(cls, config) -> "Lifetimes":
        return cls(
            idle=config["PERMANENT_SESSION_LIFETIME"],
            absolute=timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]),
            remembered=config["REMEMBER_COOKIE_DURATION"],
            touch=timedelta(seconds=config["SESSION_TOUCH_SECONDS"]),
        )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _is_expired(row: UserSession, now: datetime, lifetimes: Lifetimes) -> bool:
    if row.is_remembered:
        return now - as_utc(row.created_at) > lifetimes.remembered
    idle = now - as_utc(row.last_seen_at) > lifetimes.idle + lifetimes.touch
    return idle or now - as_utc(row.created_at) > lifetimes.absolute


def open_session(user: User, *, remember: bool = False) -> str:
    """A new session for `user`; returns its token (set on `user` too, for get_id())."""
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(token_hash=_hash(token), user_id=user.id, is_remembered=remember))
    db.session.commit()
    user.session_token = token
    return token


def resume_session(user_id: int, token: str, lifetimes: Lifetimes) -> User | None:
    """The user of a live session with this token, else None (an expired row is deleted).
    last_seen_at is written at most once per `lifetimes.touch`, not on every request."""
    row = db.session.scalar(
        db.select(UserSession).where(
            UserSession.token_hash == _hash(token), UserSession.user_id == user_id
        )
    )
    if row is None:
        return None
    now = utcnow()
    if _is_expired(row, now, lifetimes):
        db.session.delete(row)
        db.session.commit()
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.is_enabled:
        return None
    if now - as_utc(row.last_seen_at) > lifetimes.touch:
        row.last_seen_at = now
        db.session.commit()
    user.session_token = token
    return user


def end_session(token: str | None) -> None:
    """Sign out the one browser holding this token."""
    if token:
        db.session.execute(db.delete(UserSession).where(UserSession.token_hash == _hash(token)))
        db.session.commit()


def end_all_sessions(user: User, *, commit: bool = True) -> None:
    """Sign `user` out everywhere (new password, account switched off)."""
    db.session.execute(db.delete(UserSession).where(UserSession.user_id == user.id))
    if commit:
        db.session.commit()


def prune_sessions(lifetimes: Lifetimes, user_id: int | None = None) -> int:
    """Delete the rows of sessions that have expired anyway (of one user, or of all); returns how
    many. Rows are also deleted when an expired cookie comes back; this catches the rest."""
    now = utcnow()
    query = db.select(UserSession).where(
        (UserSession.created_at < now - min(lifetimes.absolute, lifetimes.remembered))
        | (UserSession.last_seen_at < now - lifetimes.idle - lifetimes.touch)
    )
    if user_id is not None:
        query = query.where(UserSession.user_id == user_id)
    expired = [row for row in db.session.scalars(query) if _is_expired(row, now, lifetimes)]
    for row in expired:
        db.session.delete(row)
    db.session.commit()
    return len(expired)
