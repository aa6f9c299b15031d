"""The application factory: reads like a table of contents."""

import os
import sys
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from config import CONFIGS
from storefront.extensions import (
    babel,
    cache,
    compress,
    csrf,
    db,
    limiter,
    login_manager,
    migrate,
)
from storefront.media.backends import build_storage
from storefront.observability import configure_logging, init_sentry
from storefront.page_cache import PageCacheMiddleware, listen_for_writes


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
    configure_logging(app)
    init_sentry(app)

    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_template_globals(app)
    register_errorhandlers(app)
    register_commands(app)
    register_jobs()
    # Outermost: a stored guest page is answered before Flask builds a request.
    app.wsgi_app = PageCacheMiddleware(app, app.wsgi_app)  # type: ignore[method-assign]
    _trust_proxies(app)  # outermost: the client's address before anything reads it
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXY_HOPS proxies, the client's address and scheme are the ones they
    forwarded (so rate limits key on the visitor, not on nginx); never more hops than are there."""
    hops = app.config.get("TRUSTED_PROXY_HOPS", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )


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
    from storefront.orders import metrics  # noqa: F401  (counts paid orders after commit)

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
    compress.init_app(app)  # its after_request runs last: it compresses the finished response
    listen_for_writes()  # a commit that changes what public pages show makes them stale
    babel.init_app(app, locale_selector=select_locale)
    app.extensions["storefront.storage"] = build_storage(app.config)


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
    from storefront.health import bp as health_bp
    from storefront.impact.views import bp as impact_bp
    from storefront.maker_dashboard.views import bp as maker_bp
    from storefront.makers.views import bp as makers_bp
    from storefront.media.views import bp as media_bp
    from storefront.observability import bp as observability_bp
    from storefront.orders.views import bp as orders_bp
    from storefront.pages.views import bp as pages_bp
    from storefront.payments.views import bp as payments_bp
    from storefront.reviews.views import bp as reviews_bp
    from storefront.sharing.views import bp as sharing_bp
    from storefront.stock_alerts.views import bp as stock_alerts_bp
    from storefront.wishlist.views import bp as wishlist_bp

    for blueprint in (
        core_bp,
        health_bp,
        observability_bp,
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
        pages_bp,
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
    from storefront.currency import keep_converted_pages_private
    from storefront.form_messages import use_our_catalog_for_wtforms
    from storefront.observability import finish_request, start_request
    from storefront.page_cache import serve_cached_page, store_page
    from storefront.payments.expiry import release_before_stock_pages
    from storefront.security import reject_nul_bytes, set_security_headers
    from storefront.static_files import cache_fingerprinted_static, read_static_before_compressing

    app.before_request(start_request)  # the request id and the clock for the latency metric
    app.before_request(use_our_catalog_for_wtforms)
    app.before_request(reject_nul_bytes)
    app.before_request(serve_cached_page)  # a guest's page from the cache: nothing below runs
    app.before_request(check_session)  # the session ended elsewhere signs this browser out
    app.before_request(release_before_stock_pages)  # ended reservations back before stock shows
    app.after_request(finish_request)  # runs last: X-Request-ID, the request counted and timed
    app.after_request(cache_fingerprinted_static)
    app.after_request(read_static_before_compressing)  # runs before Flask-Compress's hook
    app.after_request(set_security_headers)
    app.after_request(store_page)  # after the cookies are set, before the default Cache-Control
    app.after_request(delete_remember_cookie)
    app.after_request(set_cart_cookie)
    app.after_request(keep_converted_pages_private)
    user_logged_in.connect(merge_on_login, app)


def register_template_globals(app: Flask) -> None:
    """Everything templates can use beyond Jinja's, Flask's and the extensions' own."""
    from storefront.admin.listings import review_queue_badge
    from storefront.admin.payment_events import flagged_events_badge
    from storefront.admin.reviews import review_badge
    from storefront.cart.current import cart_count
    from storefront.checkout.delivery import delivery_days, pickup_place
    from storefront.currency import approx_price, choices, current_display_currency
    from storefront.i18n import (
        clock,
        format_date_jakarta,
        format_datetime_wib,
        format_time_wib,
        inject_locale,
        short_idr,
    )
    from storefront.money import format_idr
    from storefront.orders.labels import delivery_address, order_status_label, timeline_note
    from storefront.orders.making import product_ready_on
    from storefront.orders.stock import held_until
    from storefront.reviews.display import review_globals, strip_links
    from storefront.security import csp_nonce
    from storefront.sharing.jsonld import sharing_globals
    from storefront.static_files import static_url
    from storefront.wishlist.views import wishlist_hearts

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.globals["static_url"] = static_url  # fingerprinted: cached for a year
    app.jinja_env.globals["approx_price"] = approx_price  # "" unless a currency was chosen
    app.jinja_env.globals["display_currencies"] = choices
    app.jinja_env.globals["current_display_currency"] = current_display_currency
    app.jinja_env.globals["made_to_order_ready_on"] = product_ready_on
    app.add_template_filter(format_idr, name="idr")
    app.add_template_filter(short_idr, "idr_short")
    app.add_template_filter(order_status_label, "order_status")
    app.add_template_filter(timeline_note, "timeline_note")
    app.add_template_filter(clock, "clock")  # 12.30 WIB
    # Flask-Babel's date filters, replaced: English in Jakarta style, the time zone named
    app.add_template_filter(format_datetime_wib, "datetimeformat")
    app.add_template_filter(format_date_jakarta, "dateformat")
    app.add_template_filter(format_time_wib, "timeformat")
    # {product id: when a reservation holding it ends} for a list of products (one query)
    app.jinja_env.globals["stock_held_until"] = held_until
    app.jinja_env.globals["pickup_place"] = pickup_place  # what happens next, on orders
    app.jinja_env.globals["delivery_days"] = delivery_days
    app.add_template_filter(delivery_address, "delivery_address")
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
    from redis.exceptions import RedisError
    from sqlalchemy.exc import DBAPIError
    from werkzeug.exceptions import HTTPException

    from storefront import errors

    app.register_error_handler(HTTPException, errors.handle_http)
    app.register_error_handler(CSRFError, errors.handle_csrf)
    app.register_error_handler(errors.DomainError, errors.handle_domain)
    app.register_error_handler(DBAPIError, errors.handle_database)
    app.register_error_handler(errors.DependencyUnavailable, errors.handle_dependency)
    app.register_error_handler(RedisError, errors.handle_dependency)
    app.register_error_handler(Exception, errors.handle_500)


def register_jobs() -> None:
    """Outbox rows are handed on after each commit; each job's handler registers by name when
    its module is imported, so every process (web, worker, scheduler) imports them here."""
    from storefront import mail, whatsapp  # noqa: F401  (mail.deliver, whatsapp.send)
    from storefront.jobs import outbox, scheduler  # noqa: F401  (jobs.relay)
    from storefront.listings import (
        photos,  # noqa: F401  (media.render_photo)
        staging,  # noqa: F401  (listings.prune_staged_photos)
    )
    from storefront.payments import jobs  # noqa: F401  (payments.*)

    outbox.install()


def register_commands(app: Flask) -> None:
    """`flask --app wsgi <command>` (Flask-Migrate adds `db`)."""
    from storefront import cli
    from storefront.demo.cli import seed_demo_command, seed_scale_command

    for command in (
        seed_demo_command,
        seed_scale_command,
        cli.release_expired_command,
        cli.reconcile_payments_command,
        cli.create_admin_command,
        cli.prune_sessions_command,
        cli.prune_staged_photos_command,
        cli.worker_command,
        cli.scheduler_command,
        cli.rebuild_month_totals_command,
    ):
        app.cli.add_command(command)
