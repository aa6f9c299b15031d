"""Language choice: the remembered switch, else Accept-Language, else Indonesian."""

from flask import Flask, current_app, request
from flask_babel import get_locale

from storefront.extensions import babel
from storefront.money import format_idr
from storefront.security import cookie_name

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(cookie_name(LANG_COOKIE))
    if chosen is not None and chosen in languages:
        return chosen
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def current_locale() -> str:
    """'id' or 'en' for the current request."""
    return str(get_locale() or "id")


def register_locale(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["idr"] = format_idr
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def inject_locale() -> dict:
        return {"locale": current_locale(), "languages": app.config["LANGUAGES"]}
