"""Serve stored photos with a correct content type and long caching (names never change).

The app streams each photo from the storage (local folder or bucket) in chunks, so the bucket can
stay private and every instance serves every photo; a CDN or nginx in front caches the answers
(Cache-Control: immutable, one year; an ETag answers a revalidation with 304)."""

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.wsgi import FileWrapper

from storefront.media.images import ORIGINAL, is_waiting
from storefront.media.storage import get_storage

bp = Blueprint("media", __name__)
CHUNK = 64 * 1024


@bp.get("/media/<name>")
def media_file(name: str):
    if name.endswith(f"-{ORIGINAL}.webp"):
        abort(404)  # an upload as sent is never served: a job makes its sizes
    if request.if_none_match.contains(name):  # names are immutable: no need to ask the storage
        response = Response(status=304)
    else:
        storage = get_storage()
        stored = storage.open(name)
        if stored is None:
            if is_waiting(storage, name):
                response = current_app.send_static_file("img/photo-pending.svg")  # sizes: a job
                response.headers["Cache-Control"] = "no-store"
                return response
            abort(404)
        response = Response(
            FileWrapper(stored.stream, CHUNK), mimetype="image/webp", direct_passthrough=True
        )
        if stored.size is not None:
            response.content_length = stored.size
    response.set_etag(name)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
