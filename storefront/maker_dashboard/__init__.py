"""Maker area (/maker): every view module imports `bp` from here and is listed in routes.py."""

from flask import Blueprint

bp = Blueprint("maker", __name__, url_prefix="/maker")
