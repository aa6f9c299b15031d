"""Language choice: ?lang= in the address (the hreflang links of storefront.sharing), else the
remembered switch, else Accept-Language, else Indonesian."""

from flask import current_app, request
from flask_babel import get_locale

from storefront.security import cookie_name

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang", "")
    if asked in languages:  # a language version's own address: the same page for everyone
        return asked
    chosen = request.cookies.get(cookie_name(LANG_COOKIE))
    if chosen is not None and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def current_locale() -> str:
    """'id' or 'en' for the current request."""
    return str(get_locale() or "id")


def inject_locale() -> dict:
    """Context processor: the page's language and the ones it can switch to."""
    return {"locale": current_locale(), "languages": current_app.config["LANGUAGES"]}
