"""Configuration classes; every setting comes from an environment variable."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Shipping abroad, in rupiah: "CODES=FEE" zones separated by ";" (ISO 3166 country codes), "*" for
# every other country. A country in no zone, with no "*", cannot be shipped to.
DEFAULT_SHIPPING_ABROAD_ZONES = (
    "SG,MY,BN,TH,PH,VN,KH,LA,MM,TL=150000;AU,NZ,JP,KR,CN,HK,TW,IN=250000;*=400000"
)


def parse_shipping_zones(text: str) -> dict[str, int]:
    """ "SG,MY=150000;*=400000" -> {"SG": 150000, "MY": 150000, "*": 400000}."""
    fees: dict[str, int] = {}
    for zone in filter(None, (part.strip() for part in text.split(";"))):
        codes, _, fee = zone.partition("=")
        if not fee.strip().isdigit():
            raise ValueError(f"SHIPPING_ABROAD_ZONES: {zone!r} needs CODES=FEE in whole rupiah")
        for code in filter(None, (c.strip().upper() for c in codes.split(","))):
            if code != "*" and not (len(code) == 2 and code.isalpha()):
                raise ValueError(
                    f"SHIPPING_ABROAD_ZONES: {code!r} is not a two-letter country code"
                )
            fees[code] = int(fee)
    fees.pop("ID", None)  # Indonesia ships by province (SHIPPING_TABLE)
    return fees


# Published in this repository: a session signed with it can be forged by anyone.
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class Config:
    """Settings shared by every environment."""

    SECRET_KEY: str | None = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    INSTANCE_DIR = os.environ.get("INSTANCE_DIR", str(BASE_DIR / "instance"))
    SQLALCHEMY_DATABASE_URI: str | None = os.environ.get(
        "DATABASE_URL", f"sqlite:///{Path(INSTANCE_DIR) / 'storefront.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(Path(INSTANCE_DIR) / "uploads"))
    # Photos: "local" (UPLOAD_DIR, the default) or "s3" (any S3-compatible bucket; boto3 finds the
    # credentials itself: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile or a role).
    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    S3_BUCKET = os.environ.get("S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL")  # MinIO, R2, Wasabi; unset for AWS
    S3_REGION = os.environ.get("S3_REGION")
    S3_PREFIX = os.environ.get("S3_PREFIX", "")
    S3_ADDRESSING_STYLE = os.environ.get("S3_ADDRESSING_STYLE")  # "path" for most MinIO setups
    S3_CONNECT_TIMEOUT_SECONDS = _env_int("S3_CONNECT_TIMEOUT_SECONDS", 3)
    S3_READ_TIMEOUT_SECONDS = _env_int("S3_READ_TIMEOUT_SECONDS", 10)
    S3_MAX_ATTEMPTS = _env_int("S3_MAX_ATTEMPTS", 2)
    MAIL_DIR = os.environ.get("MAIL_DIR", str(Path(INSTANCE_DIR) / "mail"))
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_MB", 60) * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = ("id", "en")

    # Production prefixes every cookie name with "__Host-": the browser then only keeps it if it is
    # Secure, for Path=/ and without Domain, so no other host or http:// page can plant or read it.
    COOKIE_PREFIX = ""
    SESSION_COOKIE_NAME = "session"
    REMEMBER_COOKIE_NAME = "remember_token"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("SESSION_IDLE_MINUTES", 120))
    SESSION_ABSOLUTE_HOURS = _env_int("SESSION_ABSOLUTE_HOURS", 24 * 7)
    REMEMBER_COOKIE_DURATION = timedelta(days=_env_int("REMEMBER_DAYS", 30))
    # last_seen_at of a server-side session is written at most this often, not on every request.
    SESSION_TOUCH_SECONDS = _env_int("SESSION_TOUCH_SECONDS", 60)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = False

    # Redis (rate limits, the job queue; the cache when CACHE_REDIS_URL is set) answers within
    # this, or the request goes on without it (limits in memory, figures recomputed).
    REDIS_URL = os.environ.get("REDIS_URL")
    REDIS_TIMEOUT_SECONDS = _env_int("REDIS_TIMEOUT_SECONDS", 2)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_STORAGE_OPTIONS = {
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    }
    # Redis down: each process counts in its own memory until it is back (Flask-Limiter logs it).
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "storefront")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True
    # Proxies in front of the app (nginx, a load balancer) whose X-Forwarded-For/-Proto/-Host are
    # believed: 0 believes none (the app faces the internet), 1 for one nginx, 2 for a CDN + nginx.
    TRUSTED_PROXY_HOPS = _env_int("TRUSTED_PROXY_HOPS", 0)

    # Flask-Caching: one process's memory by default; Redis (shared by every instance) when set.
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL")
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = _env_int("CACHE_DEFAULT_TIMEOUT", 300)
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "storefront:")
    CACHE_OPTIONS = (
        {"socket_timeout": REDIS_TIMEOUT_SECONDS, "socket_connect_timeout": REDIS_TIMEOUT_SECONDS}
        if CACHE_REDIS_URL
        else None
    )
    # Pages anonymous visitors see, kept rendered in that cache (0 turns it off; see
    # storefront/page_cache.py), and what browsers and proxies are told they may keep.
    PAGE_CACHE_SECONDS = _env_int("PAGE_CACHE_SECONDS", 300)
    PAGE_MAX_AGE = _env_int("PAGE_MAX_AGE", 60)
    PAGE_STALE_SECONDS = _env_int("PAGE_STALE_SECONDS", 300)
    # Flask-Compress: brotli or gzip for HTML, CSS, JS, JSON and SVG (a proxy may do it instead:
    # COMPRESS_ENABLED=0).
    COMPRESS_REGISTER = _env_bool("COMPRESS_ENABLED", True)
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "image/svg+xml",
        "text/csv",
    ]

    # Logs: "json" (one object a line, with the request id and `extra` fields) or "text".
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN")  # unset: /metrics is off (404)
    SENTRY_DSN = os.environ.get("SENTRY_DSN")  # unset: Sentry is never loaded
    SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT")
    SENTRY_TRACES_SAMPLE_RATE = float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0"))

    # "smtp" (MAIL_SERVER) or "file" (.eml files in MAIL_DIR); unset: smtp if MAIL_SERVER is set.
    # Production refuses to start without MAIL_SERVER unless MAIL_TRANSPORT=file is chosen.
    MAIL_TRANSPORT = os.environ.get("MAIL_TRANSPORT")
    # One SMTP conversation gives up after this long (well inside gunicorn's 30 s worker timeout).
    MAIL_TIMEOUT_SECONDS = _env_int("MAIL_TIMEOUT_SECONDS", 10)
    # Background jobs (storefront/jobs): RQ on this Redis when set (then run `flask worker` and
    # `flask scheduler`), else each job runs in the web process right after its commit.
    JOBS_REDIS_URL = os.environ.get("JOBS_REDIS_URL") or os.environ.get("REDIS_URL")
    JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "storefront")
    JOBS_MAX_ATTEMPTS = _env_int("JOBS_MAX_ATTEMPTS", 8)
    JOBS_RETRY_BASE_SECONDS = _env_int("JOBS_RETRY_BASE_SECONDS", 30)  # doubles each attempt
    JOBS_RETRY_MAX_SECONDS = _env_int("JOBS_RETRY_MAX_SECONDS", 3600)
    # A job still running after this long counts as failed (its worker died) and runs again.
    JOBS_LEASE_SECONDS = _env_int("JOBS_LEASE_SECONDS", 300)
    JOBS_RELAY_SECONDS = _env_int("JOBS_RELAY_SECONDS", 15)
    JOBS_RELAY_GRACE_SECONDS = _env_int("JOBS_RELAY_GRACE_SECONDS", 30)
    JOBS_RELEASE_EXPIRED_SECONDS = _env_int("JOBS_RELEASE_EXPIRED_SECONDS", 60)
    JOBS_RECONCILE_SECONDS = _env_int("JOBS_RECONCILE_SECONDS", 300)
    JOBS_RECONCILE_PENDING_MINUTES = _env_int("JOBS_RECONCILE_PENDING_MINUTES", 15)
    JOBS_TASK_TIMEOUT_SECONDS = _env_int("JOBS_TASK_TIMEOUT_SECONDS", 600)
    # Photos kept across a listing form's errors (staged) whose form was not sent again for
    # STAGED_PHOTO_HOURS are deleted, with their files, every JOBS_PRUNE_STAGED_SECONDS.
    STAGED_PHOTO_HOURS = _env_int("STAGED_PHOTO_HOURS", 24)
    JOBS_PRUNE_STAGED_SECONDS = _env_int("JOBS_PRUNE_STAGED_SECONDS", 3600)

    # The shop's public address (https://toko.example): links in messages sent outside a request
    # (commands, the job worker), canonical URLs and the sitemap. Unset: the request's own host.
    SHOP_URL = os.environ.get("SHOP_URL", "").rstrip("/") or None

    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = _env_int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_FROM = os.environ.get("MAIL_FROM", "Toko Anyaman <toko@example.com>")

    # The programme the sponsor's report is about (printed at the top of the report).
    PROGRAMME_NAME = os.environ.get(
        "PROGRAMME_NAME", "Toko Anyaman: women makers of upcycled bags, North Jakarta"
    )

    # Where and when buyers pick up their orders (the order page and its emails say it).
    PICKUP_ADDRESS = os.environ.get(
        "PICKUP_ADDRESS", "Pusat Pelatihan Anyaman, Kalibaru, Cilincing, Jakarta Utara 14110"
    )
    PICKUP_OPENS = os.environ.get("PICKUP_OPENS", "09:00")
    PICKUP_CLOSES = os.environ.get("PICKUP_CLOSES", "16:00")

    # WhatsApp Cloud API (storefront/whatsapp.py): unset, the admin's order page has wa.me links.
    WHATSAPP_TOKEN = os.environ.get("WHATSAPP_TOKEN")
    WHATSAPP_PHONE_NUMBER_ID = os.environ.get("WHATSAPP_PHONE_NUMBER_ID")
    WHATSAPP_API_URL = os.environ.get("WHATSAPP_API_URL", "https://graph.facebook.com/v21.0")
    WHATSAPP_TIMEOUT = _env_int("WHATSAPP_TIMEOUT", 5)
    WHATSAPP_TEMPLATE_SOLD = os.environ.get("WHATSAPP_TEMPLATE_SOLD", "produk_terjual")

    ALLOW_TEST_GATEWAY = _env_bool("ALLOW_TEST_GATEWAY")
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE")
    STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/")
    STRIPE_SEND_RECEIPTS = _env_bool("STRIPE_SEND_RECEIPTS", True)
    # Each Stripe call gives up after this long (and retries this often): well inside a request.
    STRIPE_TIMEOUT_SECONDS = _env_int("STRIPE_TIMEOUT_SECONDS", 5)
    STRIPE_NETWORK_RETRIES = _env_int("STRIPE_NETWORK_RETRIES", 1)
    # A webhook signature may be this many seconds old, or ahead of our clock.
    STRIPE_WEBHOOK_TOLERANCE = _env_int("STRIPE_WEBHOOK_TOLERANCE", 300)
    # Midtrans (Core API): QRIS, bank virtual accounts, GoPay/ShopeePay. Sandbox unless
    # MIDTRANS_PRODUCTION=1; MIDTRANS_API_BASE points it at a stand-in (tests).
    MIDTRANS_SERVER_KEY = os.environ.get("MIDTRANS_SERVER_KEY")
    MIDTRANS_CLIENT_KEY = os.environ.get("MIDTRANS_CLIENT_KEY")
    MIDTRANS_PRODUCTION = _env_bool("MIDTRANS_PRODUCTION")
    MIDTRANS_API_BASE = os.environ.get("MIDTRANS_API_BASE")
    MIDTRANS_TIMEOUT_SECONDS = _env_int("MIDTRANS_TIMEOUT_SECONDS", 5)
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
    SHIPPING_ABROAD = parse_shipping_zones(
        os.environ.get("SHIPPING_ABROAD_ZONES", DEFAULT_SHIPPING_ABROAD_ZONES)
    )
    PRODUCTS_PER_PAGE = 24
    # Currencies visitors may see approximate prices in (the rates are the admins' table).
    DISPLAY_CURRENCIES = tuple(
        c.strip().upper()
        for c in os.environ.get("DISPLAY_CURRENCIES", "USD,EUR,SGD,AUD,MYR").split(",")
        if c.strip()
    )
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
    JOBS_REDIS_URL = None  # in-process after commit; the worker tests set their own
    SERVER_NAME = None
    IMPACT_CACHE_SECONDS = 0
    PAGE_CACHE_SECONDS = 0  # the page-cache tests switch it on


class ProductionConfig(Config):
    """Production: refuses to start with an unsafe setting (see check())."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    COOKIE_PREFIX = "__Host-"
    SESSION_COOKIE_NAME = "__Host-session"
    REMEMBER_COOKIE_NAME = "__Host-remember_token"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    SESSION_COOKIE_DOMAIN = None
    REMEMBER_COOKIE_DOMAIN = None
    SESSION_COOKIE_PATH = "/"
    REMEMBER_COOKIE_PATH = "/"
    HSTS = True
    IS_PRODUCTION = True
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

    @classmethod
    def check(cls, config: Mapping[str, Any]) -> None:
        """Raise RuntimeError naming every unsafe or missing setting in the app's `config`."""
        problems = production_problems(config)
        if problems:
            raise RuntimeError("Production refuses to start:\n- " + "\n- ".join(problems))


def production_problems(config: Mapping[str, Any]) -> list[str]:
    """What is unsafe in `config` for a public shop, one sentence each (empty if nothing)."""
    problems = []
    if config.get("DEBUG"):
        problems.append("debug mode is on (unset FLASK_DEBUG): it lets visitors run code.")
    problems += _secret_key_problems(config.get("SECRET_KEY"))
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        problems.append("DATABASE_URL is not set.")
    return problems + _mail_problems(config) + _gateway_problems(config)


def _mail_problems(config: Mapping[str, Any]) -> list[str]:
    transport = (config.get("MAIL_TRANSPORT") or "").lower()
    if transport not in ("", "smtp", "file"):
        return ["MAIL_TRANSPORT must be smtp or file."]
    if transport == "file" or config.get("MAIL_SERVER"):
        return []
    # Without it, order and sign-in mails would silently pile up as files on one server.
    return ["no mail transport: set MAIL_SERVER (SMTP), or MAIL_TRANSPORT=file on purpose."]


def _secret_key_problems(key: str | None) -> list[str]:
    if not key:
        return ["SECRET_KEY is not set."]
    if key == DEV_SECRET_KEY:
        return ["SECRET_KEY is the published development key; set a random one."]
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return [f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters."]
    return []


def _midtrans_problems(config: Mapping[str, Any]) -> list[str]:
    """Midtrans keyed: sandbox keys (SB-Mid-) only on a staging copy, production mode with
    production keys, the real API."""
    server, client = config.get("MIDTRANS_SERVER_KEY"), config.get("MIDTRANS_CLIENT_KEY")
    if not server and not client:
        return []
    allow_test = config.get("ALLOW_TEST_GATEWAY")
    problems = []
    if not server or not client:
        problems.append("Midtrans needs both MIDTRANS_SERVER_KEY and MIDTRANS_CLIENT_KEY.")
    sandbox = [
        n
        for n in ("MIDTRANS_SERVER_KEY", "MIDTRANS_CLIENT_KEY")
        if (config.get(n) or "").startswith("SB-")
    ]
    if (sandbox or not config.get("MIDTRANS_PRODUCTION")) and not allow_test:
        problems.append(
            "Midtrans is in sandbox (sandbox keys or MIDTRANS_PRODUCTION unset): no real payment "
            "would be taken (set ALLOW_TEST_GATEWAY=1 only for a staging copy)."
        )
    if sandbox and config.get("MIDTRANS_PRODUCTION"):
        problems.append(f"MIDTRANS_PRODUCTION=1 with sandbox keys in {', '.join(sandbox)}.")
    if config.get("MIDTRANS_API_BASE") and not allow_test:
        problems.append("MIDTRANS_API_BASE points away from Midtrans (a test stand-in); unset it.")
    return problems


def _gateway_problems(config: Mapping[str, Any]) -> list[str]:
    secret, publishable = config.get("STRIPE_SECRET_KEY"), config.get("STRIPE_PUBLISHABLE_KEY")
    if config.get("MIDTRANS_SERVER_KEY") or config.get("MIDTRANS_CLIENT_KEY"):
        midtrans = _midtrans_problems(config)
        if not secret and not publishable:  # Midtrans alone (no cards)
            return midtrans
        return midtrans + _stripe_problems(config)
    return _stripe_problems(config)


def _stripe_problems(config: Mapping[str, Any]) -> list[str]:
    secret, publishable = config.get("STRIPE_SECRET_KEY"), config.get("STRIPE_PUBLISHABLE_KEY")
    allow_test = config.get("ALLOW_TEST_GATEWAY")
    if not secret and not publishable:
        if allow_test:
            return []
        # The test gateway lets a buyer mark her own order paid.
        return [
            "no payment gateway: set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and "
            "STRIPE_WEBHOOK_SECRET (or ALLOW_TEST_GATEWAY=1 for a staging copy)."
        ]
    problems = []
    if not secret or not publishable:
        problems.append("Stripe needs both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY.")
    if not config.get("STRIPE_WEBHOOK_SECRET"):
        problems.append("STRIPE_WEBHOOK_SECRET is not set: paid orders would never be confirmed.")
    test_keys = [
        name
        for name, prefixes in (
            ("STRIPE_SECRET_KEY", ("sk_test_", "rk_test_")),
            ("STRIPE_PUBLISHABLE_KEY", ("pk_test_",)),
        )
        if (config.get(name) or "").startswith(prefixes)
    ]
    if test_keys and not allow_test:
        problems.append(
            f"Stripe test keys in {', '.join(test_keys)}: no real payment would be taken "
            "(set ALLOW_TEST_GATEWAY=1 only for a staging copy)."
        )
    stand_in = config.get("STRIPE_API_BASE") or not (config.get("STRIPE_JS_URL") or "").startswith(
        "https://js.stripe.com/"
    )
    if stand_in and not allow_test:
        problems.append(
            "STRIPE_API_BASE or STRIPE_JS_URL points away from Stripe (a test stand-in); unset "
            "them, or set ALLOW_TEST_GATEWAY=1 for a staging copy."
        )
    return problems


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
