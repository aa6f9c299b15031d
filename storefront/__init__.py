"""The application factory: reads like a table of contents."""

import logging
import os
import sys
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from config import CONFIGS
from storefront.extensions import babel, cache, csrf, db, limiter, login_manager, migrate
from storefront.media.storage import LocalStorage


def create_app(config: object | str | None = None) -> Flask:
    """Build the app; `config` is a class, a name from CONFIGS, or None for $APP_ENV."""
    _require_python_312()
    app = Flask(
        __name__,
        template_folder=str(Path(__file__).parent.parent / "templates"),
        static_folder=str(Path(__file__).parent.parent / "static"),
    )
    # Ids in URLs are 32-bit on PostgreSQL: a longer number names no row, so it is a 404.
    app.url_map.converters["int"] = RowIdConverter
    config_class = _config_class(config)
    app.config.from_object(config_class)
    if hasattr(config_class, "check"):
        config_class.check(app.config)  # after loading, so FLASK_DEBUG counts too
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))

    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_template_globals(app)
    register_errorhandlers(app)
    register_commands(app)
    register_jobs()
    return app


def _require_python_312() -> None:
    """CPython 3.11 frees memory twice when the GC runs a weakref callback (SQLAlchemy's) inside an
    attribute store: workers die with SIGSEGV under load. 3.12 moved the GC out of allocations."""
    if sys.version_info < (3, 12):  # noqa: UP036 (the guard is the point: 3.11 must not start)
        raise RuntimeError(
            "This shop needs Python 3.12 or newer: CPython 3.11 has a garbage-collector "
            "use-after-free that crashes the server under load. Install Python 3.12 or 3.13."
        )


class RowIdConverter(IntegerConverter):
    """`<int:...>` limited to what an id column holds."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _config_class(config: object | str | None) -> object:
    if config is None:
        config = os.environ.get("APP_ENV", "development")
    if isinstance(config, str):
        return CONFIGS[config]
    return config


def register_extensions(app: Flask) -> None:
    """The extensions' own hooks come first: CSRF and rate limits run before ours."""
    from storefront import models  # noqa: F401  (every model registered before first use)
    from storefront.auth.access import configure_login
    from storefront.i18n import select_locale

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).parent.parent / "migrations"),
        render_as_batch=True,  # SQLite can only ALTER a table by copying it
        compare_type=True,
    )
    login_manager.init_app(app)
    configure_login(login_manager)
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.extensions["storefront.storage"] = LocalStorage(app.config["UPLOAD_DIR"])


def register_blueprints(app: Flask) -> None:
    """Each area's complete blueprint is `bp` in its views module. A blueprint whose routes span
    several modules is created in its package's __init__ and its views.py imports them all."""
    from storefront.account.views import bp as account_bp
    from storefront.admin.views import bp as admin_bp
    from storefront.auth.views import bp as auth_bp
    from storefront.cart.views import bp as cart_bp
    from storefront.catalog.views import bp as catalog_bp
    from storefront.checkout.views import bp as checkout_bp
    from storefront.core import bp as core_bp
    from storefront.impact.views import bp as impact_bp
    from storefront.maker_dashboard.views import bp as maker_bp
    from storefront.makers.views import bp as makers_bp
    from storefront.media.views import bp as media_bp
    from storefront.orders.views import bp as orders_bp
    from storefront.payments.views import bp as payments_bp
    from storefront.reviews.views import bp as reviews_bp
    from storefront.sharing.views import bp as sharing_bp
    from storefront.stock_alerts.views import bp as stock_alerts_bp
    from storefront.wishlist.views import bp as wishlist_bp

    for blueprint in (
        core_bp,
        sharing_bp,
        media_bp,
        auth_bp,
        account_bp,
        catalog_bp,
        makers_bp,
        cart_bp,
        checkout_bp,
        payments_bp,
        orders_bp,
        impact_bp,
        reviews_bp,
        stock_alerts_bp,
        wishlist_bp,
        maker_bp,
        admin_bp,
    ):
        app.register_blueprint(blueprint)


def register_request_hooks(app: Flask) -> None:
    """Every app-wide hook, in the order it runs (after_request ones run in reverse: the cart
    cookie is set first, the security headers last). Blueprints add none of their own."""
    from flask_login import user_logged_in

    from storefront.auth.signin import check_session, delete_remember_cookie
    from storefront.cart.current import merge_on_login, set_cart_cookie
    from storefront.form_messages import use_our_catalog_for_wtforms
    from storefront.payments.expiry import release_before_stock_pages
    from storefront.security import reject_nul_bytes, set_security_headers

    app.before_request(use_our_catalog_for_wtforms)
    app.before_request(reject_nul_bytes)
    app.before_request(check_session)  # the session ended elsewhere signs this browser out
    app.before_request(release_before_stock_pages)  # ended reservations back before stock shows
    app.after_request(set_security_headers)
    app.after_request(delete_remember_cookie)
    app.after_request(set_cart_cookie)
    user_logged_in.connect(merge_on_login, app)


def register_template_globals(app: Flask) -> None:
    """Everything templates can use beyond Jinja's, Flask's and the extensions' own."""
    from storefront.admin.listings import review_queue_badge
    from storefront.admin.payment_events import flagged_events_badge
    from storefront.admin.reviews import review_badge
    from storefront.cart.current import cart_count
    from storefront.i18n import inject_locale
    from storefront.money import format_idr
    from storefront.orders.labels import order_status_label, timeline_note
    from storefront.reviews.display import review_globals, strip_links
    from storefront.security import csp_nonce
    from storefront.sharing.jsonld import sharing_globals
    from storefront.wishlist.views import wishlist_hearts

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.add_template_filter(format_idr, name="idr")
    app.add_template_filter(order_status_label, "order_status")
    app.add_template_filter(timeline_note, "timeline_note")
    app.add_template_filter(strip_links, "nolinks")
    app.context_processor(inject_locale)  # locale, languages
    app.context_processor(review_queue_badge)  # review_queue_count()
    app.context_processor(flagged_events_badge)  # flagged_payment_count()
    app.context_processor(cart_count)  # cart_count()
    app.context_processor(review_badge)  # review_moderation_count()
    app.context_processor(review_globals)  # latest_reviews(id), reviewable_lines(order)
    app.context_processor(wishlist_hearts)  # hearted(id), shows_hearts(): customers only
    app.context_processor(sharing_globals)  # page_links(), ld_script(data), product_ld(...)...


def register_errorhandlers(app: Flask) -> None:
    """Error pages in the visitor's language; a failed request's transaction is rolled back."""
    from flask_wtf.csrf import CSRFError
    from sqlalchemy.exc import DBAPIError
    from werkzeug.exceptions import HTTPException

    from storefront import errors

    app.register_error_handler(HTTPException, errors.handle_http)
    app.register_error_handler(CSRFError, errors.handle_csrf)
    app.register_error_handler(errors.DomainError, errors.handle_domain)
    app.register_error_handler(DBAPIError, errors.handle_database)
    app.register_error_handler(Exception, errors.handle_500)


def register_jobs() -> None:
    """Outbox rows are handed on after each commit; each job's handler registers by name when
    its module is imported, so every process (web, worker, scheduler) imports them here."""
    from storefront import mail  # noqa: F401  (mail.deliver)
    from storefront.jobs import outbox, scheduler  # noqa: F401  (jobs.relay)
    from storefront.listings import photos  # noqa: F401  (media.render_photo)
    from storefront.payments import jobs  # noqa: F401  (payments.*)

    outbox.install()


def register_commands(app: Flask) -> None:
    """`flask --app wsgi <command>` (Flask-Migrate adds `db`)."""
    from storefront import cli
    from storefront.demo.cli import seed_demo_command

    for command in (
        seed_demo_command,
        cli.release_expired_command,
        cli.reconcile_payments_command,
        cli.create_admin_command,
        cli.prune_sessions_command,
        cli.worker_command,
        cli.scheduler_command,
    ):
        app.cli.add_command(command)
