"""Domain errors and the HTTP error pages (in the visitor's language)."""

import logging

from flask import Response, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from storefront.database import is_transient
from storefront.extensions import db, login_manager

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the shop was broken; the message is shown to the user (already translated)."""

    status_code = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class DependencyUnavailable(OSError):
    """A service the shop depends on (storage, Redis) did not answer: a 503 "try again" page."""

    def __init__(self, dependency: str, detail: str = "") -> None:
        super().__init__(f"{dependency} unavailable: {detail}" if detail else dependency)
        self.dependency = dependency


PAGES = (400, 403, 404, 405, 413, 429, 500, 503)
RETRY_AFTER_SECONDS = 5


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def render_error(code: int, message: str | None = None):
    if _wants_json():
        return jsonify(error=code, message=message), code
    return render_template("errors/error.html", code=code, message=message), code


def _rollback() -> None:
    """Roll back after an error; if even that fails (connection gone), the page is still shown."""
    try:
        db.session.rollback()
    except DBAPIError:
        log.warning("rollback failed", exc_info=True)


def _busy_page() -> Response:
    """503 with Retry-After; plain text if the page itself cannot be drawn (it may need the
    database, for the signed-in user and the cart)."""
    message = _("The shop is busy right now. Please try again in a few seconds.")
    try:
        response = current_app.make_response(render_error(503, message))
    except DBAPIError:
        _rollback()
        # Flask-Login's per-request user: later hooks (Cache-Control) must not query for it again.
        g._login_user = login_manager.anonymous_user()
        response = current_app.make_response(
            (message, 503, {"Content-Type": "text/plain; charset=utf-8"})
        )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def handle_http(error: HTTPException):
    """Our page for the codes in PAGES (keeping a 429's Retry-After); others pass through."""
    code = error.code or 500
    if code not in PAGES:
        return error
    response = render_error(code)
    if code == 429 and error.get_headers():
        response = current_app.make_response(response)
        for name, value in error.get_headers():
            if name.lower() == "retry-after":
                response.headers[name] = value
    return response


def handle_csrf(error: CSRFError):
    return render_error(
        400,
        _("This form has expired or came from another page. Please reload the page and try again."),
    )


def handle_domain(error: DomainError):
    db.session.rollback()
    return render_error(error.status_code, error.message)


def handle_500(error: Exception):
    _rollback()
    log.exception("unhandled error", extra={"path": request.path})
    return render_error(500)


def handle_database(error: DBAPIError):
    """A transient failure (lock timeout, lost connection) is 503 "busy"; anything else is a 500."""
    if not is_transient(error):
        return handle_500(error)
    _rollback()
    log.warning("database busy or unreachable", extra={"path": request.path}, exc_info=True)
    return _busy_page()


def handle_dependency(error: Exception):
    """Storage or Redis down (or too slow): the friendly 503 page, logged, never a 500."""
    _rollback()
    dependency = getattr(error, "dependency", None) or "redis"
    log.warning(
        "dependency unavailable",
        extra={"path": request.path, "dependency": dependency, "error": str(error)},
    )
    return _busy_page()
