"""A busy or lost database gets a 503 with Retry-After, in the visitor's language, rolled back.

The fault is injected where the driver runs a statement, so SQLAlchemy wraps it as it would a real
one; the errors are the ones the database in use raises.
"""

import io
import sqlite3
from pathlib import Path

import psycopg
import psycopg.errors as pg
import pytest

from storefront.catalog.models import Product
from storefront.extensions import db
from tests.conftest import is_postgres
from tests.factories import listing_form, make_category, make_maker, make_product, photo_bytes

EN = {"Accept-Language": "en"}

if is_postgres():
    TRANSIENT = {
        "deadlock": lambda: pg.DeadlockDetected("deadlock detected"),
        "serialization": lambda: pg.SerializationFailure("could not serialize access"),
        "lock_timeout": lambda: pg.LockNotAvailable("canceling statement due to lock timeout"),
        "connection_lost": lambda: psycopg.OperationalError(
            "consuming input failed: server closed the connection unexpectedly"
        ),
        "admin_shutdown": lambda: pg.AdminShutdown("terminating connection due to shutdown"),
    }
    NOT_TRANSIENT = lambda: pg.DiskFull("could not extend file")  # noqa: E731
else:
    TRANSIENT = {"locked": lambda: sqlite3.OperationalError("database is locked")}
    NOT_TRANSIENT = lambda: sqlite3.OperationalError("no such column: product.colour")  # noqa: E731


@pytest.fixture
def failing_database(monkeypatch):
    """`failing_database(make_error, when)`: statements for which `when(sql)` holds raise."""

    def start(make_error, when=lambda statement: True):
        dialect = db.engine.dialect
        for name in ("do_execute", "do_execute_no_params"):
            real = getattr(dialect, name)

            def fake(cursor, statement, *args, _real=real, **kwargs):
                if when(statement):
                    raise make_error()
                return _real(cursor, statement, *args, **kwargs)

            monkeypatch.setattr(dialect, name, fake)

    return start


@pytest.mark.parametrize("kind", sorted(TRANSIENT))
def test_a_busy_database_answers_503_with_retry_after(client, failing_database, kind):
    make_product()
    failing_database(TRANSIENT[kind])
    response = client.get("/", headers=EN)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "The shop is busy right now" in response.get_data(as_text=True)


def test_the_busy_page_is_in_indonesian_by_default(client, failing_database):
    make_product()
    failing_database(next(iter(TRANSIENT.values())))
    response = client.get("/")
    assert response.status_code == 503
    assert "Toko sedang sibuk" in response.get_data(as_text=True)


def test_the_busy_page_is_shown_even_when_drawing_it_needs_the_database(
    client, login_as, failing_database
):
    """Signed in, the page's header loads her account: it fails too, so a plain page is sent."""
    login_as(make_maker(with_user=True).user)
    failing_database(next(iter(TRANSIENT.values())))
    response = client.get("/maker/listings/", headers=EN)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "The shop is busy right now" in response.get_data(as_text=True)


def test_a_save_that_meets_a_busy_database_is_rolled_back_and_a_retry_works(
    app, client, login_as, failing_database, monkeypatch
):
    maker = make_maker(with_user=True)
    login_as(maker.user)
    category = make_category()

    def post():
        data = listing_form(category, title_id="Tas Coba Lagi", save_draft="1")
        data["photos"] = [(io.BytesIO(photo_bytes()), "bag.jpg")]
        return client.post("/maker/listings/new", data=data, content_type="multipart/form-data")

    files_before = set(Path(app.config["UPLOAD_DIR"]).glob("*.webp"))
    failing_database(next(iter(TRANSIENT.values())), when=lambda sql: "INSERT INTO audit" in sql)
    response = post()
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert db.session.scalar(db.select(Product)) is None  # the product insert was rolled back
    assert set(Path(app.config["UPLOAD_DIR"]).glob("*.webp")) == files_before  # files removed
    monkeypatch.undo()
    assert post().status_code == 302
    assert db.session.scalars(db.select(Product)).one().title_id == "Tas Coba Lagi"


def test_other_database_errors_are_still_a_500(client, failing_database):
    make_product()
    failing_database(NOT_TRANSIENT)
    response = client.get("/", headers=EN)
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
