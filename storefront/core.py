"""Site-wide routes: health check and the language switch."""

from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Blueprint, current_app, jsonify, redirect, request, url_for
from sqlalchemy import text

from storefront.extensions import db
from storefront.i18n import LANG_COOKIE
from storefront.security import cookie_name, cookie_options, safe_next

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")


@bp.post("/language")
def language_set():
    lang = request.form.get("lang", "")
    target = _without_lang(safe_next(request.form.get("next")) or url_for("catalog.home"))
    response = redirect(target)
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(
            cookie_name(LANG_COOKIE), lang, max_age=365 * 24 * 3600, **cookie_options()
        )
    return response


def _without_lang(target: str) -> str:
    """The page without its ?lang= (a language version's address), so the switch takes effect."""
    parts = urlsplit(target)
    if "lang=" not in parts.query:
        return target
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    )
    return parts.path + ("?" + query if query else "")
