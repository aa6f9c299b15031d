"""Serve stored photos with a correct content type and long caching (names never change)."""

from flask import Blueprint, abort, current_app, send_file

from storefront.media.images import ORIGINAL, is_waiting
from storefront.media.storage import get_storage

bp = Blueprint("media", __name__)


@bp.get("/media/<name>")
def media_file(name: str):
    storage = get_storage()
    path = None if name.endswith(f"-{ORIGINAL}.webp") else storage.path(name)
    if path is None and not name.endswith(f"-{ORIGINAL}.webp") and is_waiting(storage, name):
        response = current_app.send_static_file("img/photo-pending.svg")  # its sizes: a job
        response.headers["Cache-Control"] = "no-store"
        return response
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/webp", max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
