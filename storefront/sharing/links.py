"""Absolute URLs for sharing and search engines: the canonical address of a page and its
language versions (?lang=id / ?lang=en; storefront.i18n reads the parameter first)."""

from urllib.parse import urlencode

from flask import current_app, request, url_for

# Query parameters that name a different page; every other one (filters, tracking) is dropped.
CANONICAL_ARGS = ("page",)


def base_url() -> str:
    """SHOP_URL when set (so links never depend on a request's Host header), else this host."""
    return (current_app.config.get("SHOP_URL") or request.host_url).rstrip("/")


def absolute(path: str) -> str:
    """`path` (as url_for gives it) as an absolute URL on the shop's address."""
    return base_url() + path


def external(endpoint: str, **values) -> str:
    return absolute(url_for(endpoint, **values))


def _with(path: str, args: dict[str, str]) -> str:
    return absolute(path + ("?" + urlencode(args) if args else ""))


def page_links() -> dict:
    """canonical, and the alternates by hreflang (id, en, x-default), of the current page."""
    kept = {name: request.args[name] for name in CANONICAL_ARGS if request.args.get(name)}
    languages = current_app.config["LANGUAGES"]
    alternates = {lang: _with(request.path, {**kept, "lang": lang}) for lang in languages}
    alternates["x-default"] = _with(request.path, kept)
    chosen = request.args.get("lang")
    canonical = alternates[chosen] if chosen in languages else alternates["x-default"]
    return {"canonical": canonical, "alternates": alternates}
