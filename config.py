"""Configuration classes; every setting comes from an environment variable."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    INSTANCE_DIR = os.environ.get("INSTANCE_DIR", str(BASE_DIR / "instance"))
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{Path(INSTANCE_DIR) / 'storefront.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(Path(INSTANCE_DIR) / "uploads"))
    MAIL_DIR = os.environ.get("MAIL_DIR", str(Path(INSTANCE_DIR) / "mail"))
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_MB", 60) * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = ("id", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("SESSION_IDLE_MINUTES", 120))
    SESSION_ABSOLUTE_HOURS = _env_int("SESSION_ABSOLUTE_HOURS", 24 * 7)
    REMEMBER_COOKIE_DURATION = timedelta(days=_env_int("REMEMBER_DAYS", 30))
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = False

    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = _env_int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_FROM = os.environ.get("MAIL_FROM", "Toko Anyaman <toko@example.com>")

    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE")
    STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/")
    STRIPE_SEND_RECEIPTS = _env_bool("STRIPE_SEND_RECEIPTS", True)
    INVITATION_DAYS = _env_int("INVITATION_DAYS", 7)
    PASSWORD_RESET_HOURS = _env_int("PASSWORD_RESET_HOURS", 2)

    PLATFORM_FEE_BPS = _env_int("PLATFORM_FEE_BPS", 1000)
    RESERVATION_MINUTES = _env_int("RESERVATION_MINUTES", 30)
    # Shipping fee in rupiah by province group (storefront/checkout/provinces.py); pick-up is free.
    SHIPPING_TABLE = {
        "jakarta": _env_int("SHIPPING_JAKARTA_IDR", 15_000),
        "java": _env_int("SHIPPING_JAVA_IDR", 25_000),
        "sumatra": _env_int("SHIPPING_SUMATRA_IDR", 40_000),
        "bali_nusa": _env_int("SHIPPING_BALI_NUSA_IDR", 40_000),
        "kalimantan": _env_int("SHIPPING_KALIMANTAN_IDR", 45_000),
        "sulawesi": _env_int("SHIPPING_SULAWESI_IDR", 50_000),
        "maluku_papua": _env_int("SHIPPING_MALUKU_PAPUA_IDR", 75_000),
    }
    PRODUCTS_PER_PAGE = 24
    IMPACT_CACHE_SECONDS = _env_int("IMPACT_CACHE_SECONDS", 60)
    # Public monthly income is hidden for months in which fewer makers than this sold.
    IMPACT_MIN_MAKERS = _env_int("IMPACT_MIN_MAKERS", 3)
    HSTS = False
    IS_PRODUCTION = False


class DevelopmentConfig(Config):
    """Local development: SQLite under instance/, mail written to instance/mail/."""

    DEBUG = False


class TestConfig(Config):
    """Pytest: the database comes from TEST_DATABASE_URL, else a temporary SQLite file."""

    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    SERVER_NAME = None
    IMPACT_CACHE_SECONDS = 0


class ProductionConfig(Config):
    """Production: refuses to start without SECRET_KEY, DATABASE_URL and the Stripe keys (the test
    gateway lets a buyer mark her own order paid, so it runs in production only if asked for)."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    IS_PRODUCTION = True

    @classmethod
    def check(cls) -> None:
        required = ["SECRET_KEY", "DATABASE_URL"]
        if not _env_bool("ALLOW_TEST_GATEWAY"):
            required += ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"]
        missing = [name for name in required if not os.environ.get(name)]
        if missing:
            raise RuntimeError(
                f"Production needs these environment variables: {', '.join(missing)}"
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
