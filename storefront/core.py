"""Site-wide routes: health check and the language switch."""

from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Blueprint, current_app, jsonify, redirect, request, url_for

from storefront.currency import CURRENCY_COOKIE, choices, normalise_code
from storefront.extensions import csrf
from storefront.i18n import LANG_COOKIE
from storefront.security import cookie_name, cookie_options, safe_next

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive and answers; no I/O (dependencies are /readyz's, storefront.health)."""
    return jsonify(status="ok")


@bp.post("/language")
@csrf.exempt  # it only sets the language cookie; a token in the header made pages uncacheable
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


@bp.get("/currency")
def currency_set():
    """Remember the currency of the approximate prices (a display preference, so a plain link:
    no form token, and pages stay cacheable). Anything not offered means rupiah only."""
    code = normalise_code(request.args.get("code"))
    target = safe_next(request.args.get("next")) or url_for("catalog.home")
    response = redirect(target)
    if code in choices():
        response.set_cookie(
            cookie_name(CURRENCY_COOKIE), code, max_age=365 * 24 * 3600, **cookie_options()
        )
    else:
        response.delete_cookie(cookie_name(CURRENCY_COOKIE), path="/")
    return response
