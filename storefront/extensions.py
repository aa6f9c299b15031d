"""Extension singletons, created unbound and initialised in create_app()."""

from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from storefront.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Shared cache: SimpleCache in one process (make run, tests), Redis when CACHE_REDIS_URL is set.
cache = Cache(with_jinja2_ext=False)
# brotli/gzip for HTML, CSS, JS (COMPRESS_* settings in config.py; off when a proxy compresses).
compress = Compress()
