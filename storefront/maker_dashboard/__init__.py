"""A maker's own dashboard, /maker (the public profiles are the `makers` blueprint): every view
module imports `bp` from here and is listed in views.py."""

from flask import Blueprint

bp = Blueprint("maker_dashboard", __name__, url_prefix="/maker")
