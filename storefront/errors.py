"""Domain errors and the HTTP error pages (in the visitor's language)."""

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from storefront.extensions import db

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


PAGES = (400, 403, 404, 405, 413, 429, 500, 503)


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


def register_errorhandlers(app: Flask) -> None:
    def handle_http(error: HTTPException):
        code = error.code or 500
        if code not in PAGES:
            return error
        response = render_error(code)
        if code == 429 and error.get_headers():
            response = app.make_response(response)
            for name, value in error.get_headers():
                if name.lower() == "retry-after":
                    response.headers[name] = value
        return response

    def handle_domain(error: DomainError):
        db.session.rollback()
        return render_error(error.status_code, error.message)

    def handle_500(error: Exception):
        db.session.rollback()
        log.exception("unhandled error", extra={"path": request.path})
        return render_error(500)

    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(DomainError, handle_domain)
    app.register_error_handler(Exception, handle_500)
