"""Security headers (CSP with a per-request nonce) and the local-redirect check."""

import secrets
from urllib.parse import unquote, urlsplit

from flask import Response, abort, current_app, g, request

_CONTROL = "".join(chr(c) for c in range(33)) + "\x7f"


def safe_next(target: str | None) -> str | None:
    """Return `target` only if it is a path on this site; anything that a browser could read as
    another host (//x, /\\x, https:x, javascript:, with tabs or newlines inside) gives None."""
    if not target or len(target) > 2000:
        return None
    # Checked raw and once decoded: a proxy or a later hop may decode it (a decoded space is fine).
    decoded = unquote(target)
    if any(ch in target for ch in _CONTROL) or any(ch in decoded for ch in _CONTROL if ch != " "):
        return None
    if any(
        "\\" in form or not form.startswith("/") or form.startswith("//")
        for form in (target, decoded)
    ):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def csp_nonce() -> str:
    """The nonce for inline <script> tags on this response."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


# What Stripe's security guide lists for Stripe.js, and nothing more.
STRIPE_JS_ORIGIN = "https://js.stripe.com"
STRIPE_API_ORIGIN = "https://api.stripe.com"
STRIPE_HOOKS_ORIGIN = "https://hooks.stripe.com"


def _origin(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlsplit(url))


def payment_sources(config) -> dict[str, list[str]]:
    """The hosts the configured payment provider's pages need, by CSP directive: Stripe's
    documented list (or a local stand-in's origins, in tests), nothing for the test gateway."""
    if not config.get("STRIPE_SECRET_KEY"):  # the same rule as payments.registry
        return {}
    js = _origin(config.get("STRIPE_JS_URL") or STRIPE_JS_ORIGIN + "/v3/")
    api = _origin(config["STRIPE_API_BASE"]) if config.get("STRIPE_API_BASE") else STRIPE_API_ORIGIN
    if js == STRIPE_JS_ORIGIN:
        return {
            "script-src": [js],
            "frame-src": [js, STRIPE_HOOKS_ORIGIN],
            "connect-src": [api],
        }
    # A stand-in (localstripe) serves its fake Stripe.js, frames and API from its own origin.
    return {"script-src": [js], "frame-src": [js], "connect-src": list(dict.fromkeys([js, api]))}


def _content_security_policy() -> str:
    extra = payment_sources(current_app.config)
    # A nonce only when this page has an inline script that used one: a page without inline
    # scripts is then the same bytes for every visitor, so it can be cached.
    nonce = [f"'nonce-{g.csp_nonce}'"] if "csp_nonce" in g else []
    script_src = ["'self'", *nonce, *extra.get("script-src", [])]
    frame_src = ["'self'", *extra.get("frame-src", [])]
    connect_src = ["'self'", *extra.get("connect-src", [])]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(script_src)}",
            "style-src 'self'",
            "img-src 'self' data:",
            f"frame-src {' '.join(frame_src)}",
            f"connect-src {' '.join(connect_src)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def check_same_origin_or_token() -> None:
    """CSRF check for a form that guests send from a cached page (which cannot carry a per-visitor
    token): a token, when the form has one, is checked as usual; without one the request must say
    it comes from this site (Sec-Fetch-Site, else Origin or Referer naming this host), which every
    current browser sends with a form POST. A view using it is `csrf.exempt`."""
    from flask_wtf.csrf import CSRFError

    from storefront.extensions import csrf

    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.form.get("csrf_token"):
        csrf.protect()
        return
    if request.headers.get("Sec-Fetch-Site") in ("same-origin", "none"):
        return
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if source and source != "null" and urlsplit(source).netloc == request.host:
        return
    raise CSRFError("The request did not come from this site.")


def cookie_name(base: str) -> str:
    """The name of one of the shop's own cookies ("__Host-" prefixed in production)."""
    return current_app.config.get("COOKIE_PREFIX", "") + base


def cookie_options() -> dict:
    """Flags for the shop's own cookies: Secure wherever the session cookie is, always Path=/."""
    return {
        "httponly": True,
        "samesite": "Lax",
        "path": "/",
        "secure": bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    }


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def reject_nul_bytes() -> None:
    """NUL is never meaningful in a URL or form and PostgreSQL refuses it in text: stop it here."""
    if "\x00" in request.path:
        abort(404)
    if _has_nul(request.args.values()) or (
        request.method == "POST"
        and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data")
        and _has_nul(request.form.values())
    ):
        abort(400)


def set_security_headers(response: Response) -> Response:
    """after_request: CSP, framing, referrer and caching headers, unless a view set its own."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", _content_security_policy())
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), microphone=()")
    if current_app.config.get("HSTS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.endpoint and not request.endpoint.startswith(("static", "media")):
        headers.setdefault("Cache-Control", "no-store" if _is_private() else "no-cache")
    return response


def _is_private() -> bool:
    from flask_login import current_user

    return bool(getattr(current_user, "is_authenticated", False))
