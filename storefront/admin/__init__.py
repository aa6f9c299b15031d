"""Admin area (/admin): every view module imports `bp` from here and is listed in routes.py."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
