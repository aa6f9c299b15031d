"""The application factory: reads like a table of contents."""

import logging
import os
import sys
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from config import CONFIGS
from storefront.errors import register_errorhandlers
from storefront.extensions import csrf, db, limiter, login_manager, migrate
from storefront.form_messages import register_form_messages
from storefront.i18n import register_locale
from storefront.media.storage import LocalStorage
from storefront.security import register_security


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
    register_locale(app)
    register_form_messages(app)
    register_security(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
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
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).parent.parent / "migrations"),
        render_as_batch=True,  # SQLite can only ALTER a table by copying it
        compare_type=True,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.extensions["storefront.storage"] = LocalStorage(app.config["UPLOAD_DIR"])
    from storefront import models  # noqa: F401  (every model registered before first use)
    from storefront.auth import access  # noqa: F401  (registers the user loader)


def register_blueprints(app: Flask) -> None:
    import storefront.admin.routes
    import storefront.maker_dashboard.routes
    import storefront.payments.stripe_views  # noqa: F401  (attach their view modules)
    from storefront.account import bp as account_bp
    from storefront.admin import bp as admin_bp
    from storefront.auth.views import bp as auth_bp
    from storefront.cart.current import register_cart_session
    from storefront.cart.views import bp as cart_bp
    from storefront.catalog.views import bp as catalog_bp
    from storefront.checkout.views import bp as checkout_bp
    from storefront.core import bp as core_bp
    from storefront.impact.views import bp as impact_bp
    from storefront.maker_dashboard import bp as maker_bp
    from storefront.makers.views import bp as makers_bp
    from storefront.media.views import bp as media_bp
    from storefront.orders.views import bp as orders_bp
    from storefront.payments.views import bp as payments_bp

    for blueprint in (
        core_bp,
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
        maker_bp,
        admin_bp,
    ):
        app.register_blueprint(blueprint)
    register_cart_session(app)


def register_commands(app: Flask) -> None:
    from storefront.cli import register

    register(app)
