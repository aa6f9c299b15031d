"""Declarative base with a naming convention (Alembic needs stable constraint names), and which
database errors are worth a retry."""

import sqlite3
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CursorResult, DateTime, Engine, MetaData, Result, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Aware UTC now; a callable so each row gets its own time, not the import time."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A time read back from the database, aware: SQLite drops the zone of a UTC time."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def rows_matched(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE run through the session matched (Session.execute() is
    typed to return a Result; for such a statement it is a CursorResult, which counts them)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"not the result of an UPDATE or DELETE: {type(result).__name__}")
    return result.rowcount


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """SQLite (the `make run` default) in write-ahead-log mode: readers never wait for a writer
    and a writer waits up to 10 s for another, instead of failing with "database is locked"."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        if dbapi_connection.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()


# A busy or lost database: the same request will most likely work a moment later.
TRANSIENT_SQLSTATES = {
    "40001",  # serialization failure
    "40P01",  # deadlock detected
    "55P03",  # lock not available (lock_timeout)
    "53300",  # too many connections
    "57P01",  # admin shutdown
    "57P02",  # crash shutdown
    "57P03",  # cannot connect now (starting up)
}
SQLITE_BUSY_NAMES = ("SQLITE_BUSY", "SQLITE_LOCKED")  # with their extended codes (_SNAPSHOT...)
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def is_transient(error: DBAPIError) -> bool:
    """Whether a database error is a busy database or a lost connection, worth retrying."""
    if error.connection_invalidated:
        return True
    orig = error.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state:
        return state in TRANSIENT_SQLSTATES or state.startswith("08")  # 08: connection exception
    if not isinstance(error, OperationalError):
        return False
    if type(orig).__module__.partition(".")[0] in ("psycopg", "psycopg2"):
        return True  # no SQLSTATE: the server never answered (connection failed or dropped)
    name = getattr(orig, "sqlite_errorname", "") or ""
    message = str(orig).lower()
    return name.startswith(SQLITE_BUSY_NAMES) or message.startswith(SQLITE_BUSY_MESSAGES)
