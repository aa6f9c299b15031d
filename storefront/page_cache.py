"""App-level cache of the pages anonymous visitors see, and the HTTP caching headers of those pages.

Which responses are kept is one generic rule (`is_shareable`), not a list of views: a GET answered
200 with HTML to a visitor who is not signed in, has no cart and no flash message, where nothing
set a cookie, wrote the session, drew a CSRF token or a CSP nonce, and the view did not set its
own Cache-Control. Such a page is the same bytes for every anonymous visitor of a language, so it
is stored under "page:<generation>:<language>:<hash of the full URL>" (the "impact:" keys of the
impact figures live beside it in the same cache) and sent with `Cache-Control: public`, an ETag
and a 304 on a matching If-None-Match.

Invalidation is generic too: a SQLAlchemy session hook notes every table that an INSERT, UPDATE
or DELETE touched (flushed objects and bulk statements alike) and, once the transaction commits,
a table that public pages can show bumps the generation, so every stored page is stale at once.
Only the tables in PRIVATE_TABLES (sessions, carts, audit...) or of a model class that sets
`__page_cache_private__ = True` do not: a new model (reviews, variants...) invalidates by default.

A page that shows something that ends with no write to say so (a stock reservation's "may be back
at 12.30 WIB") calls `keep_page_until(moment)`: it is kept, and sent with a max-age, no longer.

The generation lives in the shared cache when it is Redis (all workers, all machines); with the
in-process SimpleCache it is a file in INSTANCE_DIR, so the workers of one machine agree.
"""

import hashlib
import math
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from flask import (
    Response,
    current_app,
    g,
    has_app_context,
    has_request_context,
    request,
    session,
)
from sqlalchemy import event
from sqlalchemy.orm import Session

from storefront.extensions import cache

PREFIX = "page:"
GENERATION_KEY = PREFIX + "generation"
# Tables whose rows no public page shows: writing them keeps the cached pages.
PRIVATE_TABLES = frozenset(
    {
        "user_account",
        "user_session",
        "cart",
        "cart_line",
        "checkout_attempt",
        "payment_event",
        "refund_token",
        "audit_entry",
        "alembic_version",
    }
)
_TOUCHED = "page_cache_touched"  # key in Session.info: tables written in this transaction


def _seconds() -> int:
    return int(current_app.config.get("PAGE_CACHE_SECONDS", 0) or 0)


_UNTIL = "page_cache_until"  # in g: the page shows something true only until then


def keep_page_until(moment: datetime) -> None:
    """What this page shows stops being true at `moment` with no write to say so (a stock
    reservation's end, released by a job or the next page that renders): neither the page
    cache nor a browser keeps it longer."""
    if has_request_context():
        g.setdefault(_UNTIL, moment)
        g.page_cache_until = min(g.page_cache_until, moment)


def _lifetime(longest: int) -> int:
    """Seconds this page may be kept: `longest`, or less when it shows something that ends."""
    until = g.get(_UNTIL)
    if until is None:
        return longest
    return max(0, min(longest, math.ceil((until - datetime.now(UTC)).total_seconds())))


# --- the generation -----------------------------------------------------------------------


def _generation_file(config=None) -> Path:
    return Path((config or current_app.config)["INSTANCE_DIR"]) / "page-cache-generation"


def _uses_redis(config=None) -> bool:
    return (config or current_app.config).get("CACHE_TYPE") == "RedisCache"


def generation_of(app) -> str:
    """The current generation, read without an app context (the middleware's path)."""
    if _uses_redis(app.config):
        return str(app.extensions["cache"][cache].get(GENERATION_KEY) or 0)
    try:
        return _generation_file(app.config).read_text() or "0"
    except OSError:
        return "0"


def current_generation() -> str:
    return generation_of(current_app)


def bump_generation() -> None:
    """Every stored page is stale from now on (they expire from the cache on their own)."""
    if _uses_redis():
        try:
            cache.cache.inc(GENERATION_KEY)
        except Exception as error:  # a cache outage must not fail the write that was committed
            current_app.logger.warning("page cache: could not bump the generation: %s", error)
        return
    path = _generation_file()
    spare = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    spare.write_text(str(time.time_ns()))
    os.replace(spare, path)  # atomic: a reader sees the old or the new value


# --- invalidation: a session hook -----------------------------------------------------------


def _is_public_table(table) -> bool:
    return getattr(table, "name", None) not in PRIVATE_TABLES


def _note(session: Session, tables) -> None:
    touched = session.info.setdefault(_TOUCHED, set())
    for table in tables:
        if table is not None and _is_public_table(table):
            touched.add(table.name)


def _after_flush(session: Session, _context) -> None:
    objects = [*session.new, *session.dirty, *session.deleted]
    _note(
        session,
        (
            obj.__table__
            for obj in objects
            if not getattr(obj, "__page_cache_private__", False)
            and (obj in session.new or obj in session.deleted or session.is_modified(obj))
        ),
    )


def _on_execute(state) -> None:
    """Bulk INSERT/UPDATE/DELETE statements run through the session (stock changes...)."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        mapper = state.bind_mapper
        if mapper is not None and getattr(mapper.class_, "__page_cache_private__", False):
            return
        _note(state.session, [table])


def _after_commit(session: Session) -> None:
    # A process that shares the cache (a worker, an instance with the page cache off) bumps the
    # generation too: the pages other instances keep show what this commit changed.
    if session.info.pop(_TOUCHED, None) and has_app_context() and (_seconds() > 0 or _uses_redis()):
        bump_generation()


def _after_rollback(session: Session) -> None:
    session.info.pop(_TOUCHED, None)


def listen_for_writes() -> None:
    """Install the session hooks (once per process: they are on the Session class)."""
    if getattr(listen_for_writes, "_installed", False):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _on_execute)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
    listen_for_writes._installed = True  # type: ignore[attr-defined]


# --- which requests and responses ---------------------------------------------------------


def _visitor_is_anonymous_without_state() -> bool:
    """No sign-in, no remember cookie, no cart, no flash message waiting."""
    cookies = request.cookies
    from storefront.currency import CURRENCY_COOKIE
    from storefront.security import cookie_name

    if cookie_name("cart") in cookies:
        return False
    if cookie_name(CURRENCY_COOKIE) in cookies:  # approximate prices: drawn for her (private)
        return False
    if current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies:
        return False
    # A session cookie may hold nothing personal (a CSRF secret from a sign-in form seen
    # earlier); it is read only when sent (it is signed: decoding it costs no query).
    has_session = current_app.config.get("SESSION_COOKIE_NAME", "session") in cookies
    return not (has_session and ("_user_id" in session or "_flashes" in session))


def _request_may_be_cached() -> bool:
    return (
        request.method in ("GET", "HEAD")
        and _seconds() > 0
        and not (request.endpoint or "static").startswith(("static", "media."))
        and _visitor_is_anonymous_without_state()
    )


def page_key(generation: str, locale: str, url: str) -> str:
    return f"{PREFIX}{generation}:{locale}:{hashlib.sha256(url.encode()).hexdigest()[:32]}"


def _key() -> str:
    from storefront.i18n import current_locale

    return page_key(current_generation(), current_locale(), request.url)


def _is_signed_in() -> bool:
    from flask_login import current_user

    # Loading the user first matters: Flask-Login may write the session while it does
    # (a session without its identifier is marked not fresh), and that must be seen below.
    return bool(getattr(current_user, "is_authenticated", False))


def is_shareable(response: Response) -> bool:
    """The generic rule: may this response be sent to, and stored for, every anonymous visitor?"""
    csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return (
        not _is_signed_in()
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
        and not response.direct_passthrough
        and "Set-Cookie" not in response.headers
        and "Cache-Control" not in response.headers
        and not session.modified
        and "_flashes" not in session
        and csrf_field not in g
        and "csp_nonce" not in g
        and g.get("cart") is None
        and "set_cart_cookie" not in g
    )


def _public_headers(response: Response) -> None:
    config = current_app.config
    response.headers["Cache-Control"] = (
        f"public, max-age={_lifetime(int(config.get('PAGE_MAX_AGE', 60)))}, "
        f"stale-while-revalidate={config.get('PAGE_STALE_SECONDS', 300)}"
    )
    response.vary.update(("Accept-Language", "Cookie"))


# --- the hooks ------------------------------------------------------------------------------


def serve_cached_page() -> Response | None:
    """before_request: a stored copy of this page, when the visitor may have it."""
    if not _request_may_be_cached():
        return None
    try:
        g.page_cache_key = key = _key()  # reads the generation: from Redis, when it is shared
        stored = cache.get(key)
    except Exception as error:  # Redis away: render the page instead (and keep no copy of it)
        current_app.logger.warning("page cache: lookup failed: %s", error)
        g.pop("page_cache_key", None)
        stored = None
    if stored is None:
        return None
    body, content_type, etag = stored
    response = Response(body, status=200, content_type=content_type)
    response.set_etag(etag)
    g.page_cache_hit = True
    return response


def store_page(response: Response) -> Response:
    """after_request: public caching headers, ETag and 304 for a shareable page; keep a copy."""
    if g.pop("page_cache_hit", False):
        if _is_signed_in() or session.modified:  # this answer sets a cookie: hers alone
            response.headers["Cache-Control"] = "private, no-cache"
            return response
        _public_headers(response)
        response.make_conditional(request)
        return response
    if not _seconds() or not is_shareable(response):
        return response
    body = response.get_data()
    etag = hashlib.sha256(body).hexdigest()[:32]
    response.set_etag(etag)
    _public_headers(response)
    key = g.pop("page_cache_key", None)
    lifetime = _lifetime(_seconds())
    if key is not None and request.method == "GET" and lifetime > 0:  # 0 would mean forever
        try:
            cache.set(key, (body, response.content_type, etag), timeout=lifetime)
        except Exception as error:  # a cache outage: the page was sent, just not kept
            current_app.logger.warning("page cache: store failed: %s", error)
        if request.environ.get(CAPTURE_FLAG):  # the middleware keeps the finished response too
            response.headers[STORE_HEADER] = str(lifetime)
    response.make_conditional(request)
    return response


# --- the fast path: finished responses, served before Flask builds a request ----------------

# store_page -> middleware, with the seconds to keep the page; never sent to the visitor
STORE_HEADER = "X-Page-Cache-Store"
CAPTURE_FLAG = "storefront.page_cache.capture"  # in the WSGI environ: the middleware listens
_ENCODINGS = ("br", "gzip")


def _encoding(accept: str) -> str:
    """The variant a visitor gets: what Flask-Compress would choose for her Accept-Encoding."""
    offered = {part.split(";")[0].strip() for part in accept.split(",")}
    for name in _ENCODINGS:
        if name in offered and f"{name};q=0" not in accept.replace(" ", ""):
            return name
    return "identity"


class PageCacheMiddleware:
    """WSGI middleware: a cookie-less GET (or one with only the language cookie) for a page
    that is stored gets the stored response (its headers and compressed body as first sent)
    without Flask building a request, loading the session or running a hook. Anything else
    passes through; a response that store_page marked is kept on the way out."""

    def __init__(self, app, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def _key(self, wsgi_env) -> str | None:
        from werkzeug.wrappers import Request

        config = self.app.config
        if wsgi_env.get("REQUEST_METHOD") != "GET" or not config.get("PAGE_CACHE_SECONDS"):
            return None
        if wsgi_env.get("PATH_INFO", "").startswith(("/static/", "/media/")):
            return None
        req = Request(wsgi_env)
        prefix = config.get("COOKIE_PREFIX", "")
        if set(req.cookies) - {prefix + "lang"}:
            return None  # a session, a cart, a remember cookie: the app decides
        languages = config["LANGUAGES"]
        chosen = req.cookies.get(prefix + "lang") or ""
        if chosen not in languages:
            chosen = req.accept_languages.best_match(languages) or config["BABEL_DEFAULT_LOCALE"]
        generation = generation_of(self.app)
        encoding = _encoding(wsgi_env.get("HTTP_ACCEPT_ENCODING", ""))
        return f"{page_key(generation, chosen, req.url)}|{encoding}"

    def __call__(self, wsgi_env, start_response):
        try:
            key = self._key(wsgi_env)
            stored = self._backend().get(key) if key else None
        except Exception:  # a cache outage: the app renders the page
            key, stored = None, None
        if stored is not None:
            headers, body = stored
            etag = dict(headers).get("ETag")
            if etag and etag in wsgi_env.get("HTTP_IF_NONE_MATCH", ""):
                kept = [(k, v) for k, v in headers if k in ("ETag", "Cache-Control", "Vary")]
                start_response("304 NOT MODIFIED", kept)
                return [b""]
            start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
            return [body]
        if key is None:
            return self.wsgi_app(wsgi_env, start_response)
        return self._call_and_keep(wsgi_env, start_response, key)

    def _backend(self):
        return self.app.extensions["cache"][cache]

    def _call_and_keep(self, wsgi_env, start_response, key: str):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            lifetime = next((value for name, value in headers if name == STORE_HEADER), None)
            headers = [(name, value) for name, value in headers if name != STORE_HEADER]
            captured.update(status=status, headers=headers, lifetime=lifetime)
            return start_response(status, headers, exc_info)

        wsgi_env[CAPTURE_FLAG] = True
        chunks = self.wsgi_app(wsgi_env, capture)
        if not captured.get("lifetime") or not captured["status"].startswith("200"):
            return chunks
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        encoding = dict((k.lower(), v) for k, v in headers).get("content-encoding", "identity")
        if key.endswith("|" + encoding):  # the variant this key names, nothing else
            try:
                self._backend().set(key, (headers, body), timeout=int(captured["lifetime"]))
            except Exception as error:  # a cache outage: the page was sent, just not kept
                self.app.logger.warning("page cache: store failed: %s", error)
        return [body]
