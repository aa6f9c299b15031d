"""Serve stored photos with a correct content type and long caching (names never change)."""

from flask import Blueprint, abort, send_file

from storefront.media.storage import get_storage

bp = Blueprint("media", __name__)


@bp.get("/media/<name>")
def media_file(name: str):
    path = get_storage().path(name)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/webp", max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
