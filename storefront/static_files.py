"""Fingerprinted static URLs: `static_url("css/site.css")` gives /static/css/site.css?v=<hash of
its content>, and a response to such a URL is cacheable for a year, immutable (a changed file has
a new URL). A URL without the current hash (an old page, a hand-typed link) gets the file with
the usual revalidation."""

import hashlib
from pathlib import Path

from flask import Response, current_app, request, url_for

_digests: dict[tuple[str, int], str] = {}
YEAR = 365 * 24 * 3600


def _digest(filename: str) -> str | None:
    folder = current_app.static_folder
    if folder is None:
        return None
    path = Path(folder) / filename
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(path), stamp)
    digest = _digests.get(key)
    if digest is None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        _digests[key] = digest
    return digest


def static_url(filename: str) -> str:
    """Template global: the URL of a file in static/, with its content hash."""
    digest = _digest(filename)
    if digest is None:
        return url_for("static", filename=filename)
    return url_for("static", filename=filename, v=digest)


def cache_fingerprinted_static(response: Response) -> Response:
    """after_request: a year, immutable, for a static file asked for by its current hash."""
    version = request.args.get("v")
    if (
        request.endpoint == "static"
        and version
        and response.status_code in (200, 304)
        and request.view_args
        and version == _digest(request.view_args.get("filename", ""))
    ):
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
