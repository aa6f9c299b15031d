"""The app's wiring, read from the app object: every blueprint, request hook, template name, error
handler and command, in order. One added from a feature module (a blueprint's `app_*` hooks, an
`@app.` decorator) changes these tables: wire it in create_app's register_* calls and list it here.

Order matters: before_request hooks run in the order listed (CSRF and rate limits first, the
session check last); after_request hooks run in reverse (the cart cookie first, headers later).
Names starting with flask_ are the extensions' own hooks, there so ours are placed among them.
"""

import functools
import importlib

from flask import Flask
from flask_login import user_logged_in

from storefront.cart.current import merge_on_login

BLUEPRINTS = [  # name, url_prefix, the module whose `bp` it is
    ("core", None, "storefront.core"),
    ("health", None, "storefront.health"),
    ("observability", None, "storefront.observability"),
    ("sharing", None, "storefront.sharing.views"),
    ("media", None, "storefront.media.views"),
    ("auth", None, "storefront.auth.views"),
    ("account", "/account", "storefront.account.views"),
    ("catalog", None, "storefront.catalog.views"),
    ("makers", None, "storefront.makers.views"),
    ("cart", None, "storefront.cart.views"),
    ("checkout", None, "storefront.checkout.views"),
    ("payments", None, "storefront.payments.views"),
    ("orders", None, "storefront.orders.views"),
    ("impact", None, "storefront.impact.views"),
    ("pages", None, "storefront.pages.views"),
    ("reviews", None, "storefront.reviews.views"),
    ("stock_alerts", None, "storefront.stock_alerts.views"),
    ("wishlist", None, "storefront.wishlist.views"),
    ("maker_dashboard", "/maker", "storefront.maker_dashboard.views"),
    ("admin", "/admin", "storefront.admin.views"),
]
BEFORE_REQUEST = {
    None: [
        "flask_wtf.csrf.CSRFProtect.init_app.<locals>.csrf_protect",
        "flask_limiter._extension.Limiter._check_request_limit",
        "storefront.observability.start_request",
        "storefront.form_messages.use_our_catalog_for_wtforms",
        "storefront.security.reject_nul_bytes",
        "storefront.page_cache.serve_cached_page",
        "storefront.auth.signin.check_session",
        "storefront.payments.expiry.release_before_stock_pages",
    ],
}
AFTER_REQUEST = {
    None: [
        "flask_login.login_manager.LoginManager._update_remember_cookie",
        "flask_limiter._extension.Limiter.__inject_headers",
        "flask_compress.flask_compress.Compress.after_request",
        "storefront.observability.finish_request",
        "storefront.static_files.cache_fingerprinted_static",
        "storefront.static_files.read_static_before_compressing",
        "storefront.security.set_security_headers",
        "storefront.page_cache.store_page",
        "storefront.auth.signin.delete_remember_cookie",
        "storefront.cart.current.set_cart_cookie",
        "storefront.currency.keep_converted_pages_private",
    ]
}
TEARDOWN = ["flask_limiter._extension.Limiter.__release_context"]
CONTEXT_PROCESSORS = [
    "flask.templating._default_template_ctx_processor",
    "flask_login.utils._user_context_processor",
    "flask_wtf.csrf.CSRFProtect.init_app.<locals>.<lambda>",
    "storefront.i18n.inject_locale",
    "storefront.admin.listings.review_queue_badge",
    "storefront.admin.payment_events.flagged_events_badge",
    "storefront.cart.current.cart_count",
    "storefront.admin.reviews.review_badge",
    "storefront.reviews.display.review_globals",
    "storefront.wishlist.views.wishlist_hearts",
    "storefront.sharing.jsonld.sharing_globals",
]
BABEL_FILTERS = ("datetime", "date", "time", "timedelta", "number", "decimal", "currency")
FILTERS = {f"{kind}format": f"flask_babel.format_{kind}" for kind in BABEL_FILTERS} | {
    "datetimeformat": "storefront.i18n.format_datetime_wib",
    "dateformat": "storefront.i18n.format_date_jakarta",
    "timeformat": "storefront.i18n.format_time_wib",
    "percentformat": "flask_babel.format_percent",
    "scientificformat": "flask_babel.format_scientific",
    "idr": "storefront.money.format_idr",
    "idr_short": "storefront.i18n.short_idr",
    "order_status": "storefront.orders.labels.order_status_label",
    "timeline_note": "storefront.orders.labels.timeline_note",
    "clock": "storefront.i18n.clock",
    "delivery_address": "storefront.orders.labels.delivery_address",
    "nolinks": "storefront.reviews.display.strip_links",
}
GLOBALS = {
    "csrf_token": "flask_wtf.csrf.generate_csrf",
    "csrf_meta_tag": "flask_wtf.csrf.csrf_meta_tag",
    "_": "jinja2.ext._gettext_alias",
    "gettext": "jinja2.ext._make_new_gettext.<locals>.gettext",
    "ngettext": "jinja2.ext._make_new_ngettext.<locals>.ngettext",
    "pgettext": "jinja2.ext._make_new_pgettext.<locals>.pgettext",
    "npgettext": "jinja2.ext._make_new_npgettext.<locals>.npgettext",
    "csp_nonce": "storefront.security.csp_nonce",
    "stock_held_until": "storefront.orders.stock.held_until",
    "pickup_place": "storefront.checkout.delivery.pickup_place",
    "delivery_days": "storefront.checkout.delivery.delivery_days",
    "static_url": "storefront.static_files.static_url",
    "approx_price": "storefront.currency.approx_price",
    "display_currencies": "storefront.currency.choices",
    "current_display_currency": "storefront.currency.current_display_currency",
    "made_to_order_ready_on": "storefront.orders.making.product_ready_on",
}
JINJA_EXTENSIONS = ["jinja2.ext.ExprStmtExtension", "jinja2.ext.InternationalizationExtension"]
ERROR_HANDLERS = {
    (None, "HTTPException"): "storefront.errors.handle_http",
    (400, "CSRFError"): "storefront.errors.handle_csrf",
    (None, "DomainError"): "storefront.errors.handle_domain",
    (None, "DBAPIError"): "storefront.errors.handle_database",
    (None, "DependencyUnavailable"): "storefront.errors.handle_dependency",
    (None, "RedisError"): "storefront.errors.handle_dependency",
    (None, "Exception"): "storefront.errors.handle_500",
}
COMMANDS = [
    "db",  # Flask-Migrate's
    "seed-demo",
    "seed-scale",
    "release-expired",
    "reconcile-payments",
    "create-admin",
    "prune-sessions",
    "prune-staged-photos",
    "worker",
    "scheduler",
    "rebuild-month-totals",
]


def _name(function) -> str:
    if isinstance(function, functools.partial):
        function = function.func
    return f"{function.__module__}.{function.__qualname__}"


def _hooks(spec: dict) -> dict:
    return {scope: [_name(f) for f in functions] for scope, functions in spec.items() if functions}


def _context_processors(app: Flask) -> dict:
    """Per scope, leaving out the default processor Flask gives every blueprint's scope."""
    default = app.template_context_processors[None][0]
    spec = {
        scope: [f for f in fs if scope is None or f is not default]
        for scope, fs in app.template_context_processors.items()
    }
    return _hooks(spec)


def _template_names(app: Flask, kind: str) -> dict:
    """Filters or globals beyond those of a bare Flask app (Jinja's and Flask's own)."""
    bare = getattr(Flask("bare").jinja_env, kind)
    names = getattr(app.jinja_env, kind)
    return {key: _name(value) for key, value in names.items() if key not in bare}


def _error_handlers(app: Flask) -> dict:
    return {
        (scope, code, exception.__name__): _name(handler)
        for scope, codes in app.error_handler_spec.items()
        for code, handlers in codes.items()
        for exception, handler in handlers.items()
    }


def _app_wide(app: Flask) -> dict:
    """What a blueprint could add to the whole app, besides its routes."""
    return {
        "before_request": _hooks(app.before_request_funcs).get(None),
        "after_request": _hooks(app.after_request_funcs).get(None),
        "teardown": _hooks(app.teardown_request_funcs).get(None),
        "appcontext_teardown": [_name(f) for f in app.teardown_appcontext_funcs],
        "context_processors": _context_processors(app).get(None),
        "url_processors": (_hooks(app.url_value_preprocessors), _hooks(app.url_default_functions)),
        "filters": _template_names(app, "filters"),
        "globals": _template_names(app, "globals"),
        "tests": _template_names(app, "tests"),
        "errors": _error_handlers(app),
        "commands": sorted(app.cli.commands),
    }


def test_blueprints_are_each_areas_views_bp_in_order(app):
    registered = [(name, bp.url_prefix, bp) for name, bp in app.blueprints.items()]
    expected = [(n, p, importlib.import_module(m).bp) for n, p, m in BLUEPRINTS]
    assert registered == expected


def test_request_hooks_are_the_listed_ones_in_order(app):
    assert _hooks(app.before_request_funcs) == BEFORE_REQUEST
    assert _hooks(app.after_request_funcs) == AFTER_REQUEST
    assert _hooks(app.teardown_request_funcs) == {None: TEARDOWN}
    assert _hooks(app.url_value_preprocessors) == _hooks(app.url_default_functions) == {}
    assert list(user_logged_in.receivers_for(app)) == [merge_on_login]


def test_templates_see_the_listed_context_processors_filters_and_globals(app):
    assert _context_processors(app) == {None: CONTEXT_PROCESSORS}
    assert _template_names(app, "filters") == FILTERS
    assert _template_names(app, "globals") == GLOBALS
    assert _template_names(app, "tests") == {}
    assert sorted(app.jinja_env.extensions) == JINJA_EXTENSIONS


def test_error_handlers_and_commands_are_the_listed_ones(app):
    expected = {(None, code, name): handler for (code, name), handler in ERROR_HANDLERS.items()}
    assert _error_handlers(app) == expected
    assert sorted(app.cli.commands) == sorted(COMMANDS)


def test_sign_in_is_configured_once_for_the_app(app):
    manager = app.login_manager
    assert _name(manager._user_callback) == "storefront.auth.access.load_user"
    assert (manager.login_view, manager.login_message_category) == ("auth.login", "info")


def test_blueprints_add_nothing_app_wide(app):
    """Registered on a bare app, the shop's blueprints bring routes and their own hooks only."""
    probe = Flask("probe")
    before = _app_wide(probe)
    for blueprint in app.blueprints.values():
        probe.register_blueprint(blueprint)
    assert _app_wide(probe) == before
    assert all(not blueprint.cli.commands for blueprint in app.blueprints.values())
