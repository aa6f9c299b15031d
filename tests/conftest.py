"""Shared fixtures. The database is TEST_DATABASE_URL (PostgreSQL in CI's second pass) or SQLite."""

import contextvars
import os
import tempfile
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import event

from config import TestConfig
from storefront import create_app
from storefront.extensions import cache, db, limiter

SQLITE_FILE = Path(tempfile.mkdtemp(prefix="storefront-test-")) / "test.sqlite3"


class _Config(TestConfig):
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{SQLITE_FILE}"
    INSTANCE_DIR = str(SQLITE_FILE.parent / "instance")
    UPLOAD_DIR = str(SQLITE_FILE.parent / "instance" / "uploads")
    MAIL_DIR = str(SQLITE_FILE.parent / "instance" / "mail")
    WTF_CSRF_ENABLED = False


def is_postgres() -> bool:
    return bool(os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"))


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server would.

    The autouse fixture keeps an app context pushed for factories; without this, requests would
    share its `g` (cached locale, signed-in user) and its database session. After each request the
    test's own session is expired, so objects it holds show what the request wrote.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():  # redirects are followed inside open(), outside the test's context
            db.session.expire_all()
        _close_request_bodies(response)
        return response


def _close_request_bodies(response) -> None:
    """Werkzeug's test client encodes a large upload into a temporary file and never closes it
    (a ResourceWarning, an error here); the app has read it by the time the response is back."""
    for each in (*response.history, response):
        body = each.request.environ.get("wsgi.input")
        if body is not None:
            body.close()


@pytest.fixture(scope="session")
def app():
    """One app for the session; the schema comes from the committed migrations."""
    from flask_migrate import downgrade, upgrade

    app = create_app(_Config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _start_empty()
        upgrade(revision="heads")
    yield app
    with app.app_context():
        db.session.remove()
        downgrade(revision="base")
        dispose_engines()


def dispose_engines() -> None:
    """Close the pooled connections of the current app's engines (an app a test built and let go
    would otherwise leave them to the garbage collector: ResourceWarning, an error here)."""
    for engine in db.engines.values():
        engine.dispose()


def _start_empty() -> None:
    """An empty database, whatever an earlier run left (a run killed before its downgrade leaves
    tables, triggers, functions and extensions behind): PostgreSQL's schema is made anew."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
            return
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Every test starts with empty tables and a fresh rate-limit store."""
    with app.app_context():
        yield
        db.session.remove()
        _truncate_all()
        limiter.reset()
        cache.clear()  # inside the context: outside it, the last app built (build_app) is used


def _truncate_all() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            conn.exec_driver_sql(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        else:
            for name in tables:
                conn.exec_driver_sql(f'DELETE FROM "{name}"')  # noqa: S608 (table names)


@pytest.fixture
def build_app():
    """`build_app(config)`: a second app for one test (a production configuration, a second
    server, routes added before its first request); its engines are disposed after the test."""
    built = []

    def _build(config):
        other = create_app(config)
        built.append(other)
        return other

    yield _build
    for other in built:
        with other.app_context():
            dispose_engines()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF checks switched on, for the tests that are about CSRF."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class QueryCounter:
    """Counts SQL statements sent while it is active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, *args) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Use: `with count_queries() as counter: client.get(...)`; then `counter.count`."""
    from contextlib import contextmanager

    @contextmanager
    def _counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return _counting


def login(client, user) -> None:
    """Sign `user` in on this test client without going through the sign-in form (with a
    server-side session of her own, as the form would open)."""
    from storefront.auth.sessions import open_session

    open_session(user)
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def login_as(client):
    """`login_as(user)` signs the user in on the `client` fixture."""
    return lambda user: login(client, user)


def closing_wsgi(app):
    """`app` for werkzeug's threaded test server, with every response body read and closed before
    it is sent. That server skips the body's close() when the client drops the connection (a
    browser leaving a page while its favicon is still coming), which leaks the open static file."""

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture
def sent(monkeypatch):
    """Mail sent during the test, as (to, template, context), instead of delivered."""
    mails = []
    import storefront.mail

    monkeypatch.setattr(
        storefront.mail,
        "send_mail",
        lambda to, subject, template, locale, **ctx: mails.append((to, template, ctx)),
    )
    return mails


from tests.s3_fixtures import s3_bucket, s3_server  # noqa: E402, F401  (fixtures for every test)
