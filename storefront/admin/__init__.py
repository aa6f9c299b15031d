"""Admin area (/admin): every view module imports `bp` from here; views.py lists them all."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
