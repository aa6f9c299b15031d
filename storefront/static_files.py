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


def read_static_before_compressing(response: Response) -> Response:
    """after_request, before Flask-Compress's: a static file it will compress is read into memory
    and its file closed here. Flask-Compress replaces the body with the compressed bytes and never
    closes the file it read (left to the garbage collector: a leaked handle per request)."""
    if (
        request.endpoint == "static"
        and response.direct_passthrough
        and response.status_code == 200
        and current_app.config.get("COMPRESS_REGISTER")
        and response.mimetype in current_app.config.get("COMPRESS_MIMETYPES", ())
    ):
        body = response.response  # send_file's FileWrapper: bytes
        try:
            data = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in body)
        finally:
            if hasattr(body, "close"):
                body.close()
        response.direct_passthrough = False
        response.set_data(data)
    return response


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
