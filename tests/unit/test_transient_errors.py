"""Which database errors are a busy or lost database (503, retry) and which are bugs (500)."""

import sqlite3

import psycopg
import psycopg.errors as pg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from storefront.database import is_transient


def wrapped(orig, kind=OperationalError, **kwargs):
    return kind("SELECT 1", {}, orig, **kwargs)


@pytest.mark.parametrize(
    "orig",
    [
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("database table is locked: product"),
        pg.DeadlockDetected("deadlock detected"),
        pg.SerializationFailure("could not serialize access due to concurrent update"),
        pg.LockNotAvailable("canceling statement due to lock timeout"),
        pg.AdminShutdown("terminating connection due to administrator command"),
        pg.TooManyConnections("sorry, too many clients already"),
        psycopg.OperationalError("server closed the connection unexpectedly"),
    ],
    ids=lambda orig: type(orig).__name__ + ":" + str(orig)[:20],
)
def test_busy_or_lost_database_is_transient(orig):
    assert is_transient(wrapped(orig))


@pytest.mark.parametrize(
    "orig",
    [
        sqlite3.OperationalError("no such table: product"),
        sqlite3.OperationalError("disk I/O error"),
        pg.DiskFull("could not extend file"),
        pg.UndefinedColumn("column product.colour does not exist"),
    ],
    ids=lambda orig: type(orig).__name__ + ":" + str(orig)[:20],
)
def test_other_operational_errors_are_not_transient(orig):
    assert not is_transient(wrapped(orig))


def test_a_broken_unique_rule_is_not_transient():
    assert not is_transient(wrapped(pg.UniqueViolation("duplicate key"), IntegrityError))
    assert not is_transient(wrapped(sqlite3.IntegrityError("UNIQUE failed"), IntegrityError))


def test_a_connection_sqlalchemy_saw_drop_is_transient():
    error = wrapped(sqlite3.ProgrammingError("Cannot operate on a closed database."))
    error.connection_invalidated = True
    assert is_transient(error)
