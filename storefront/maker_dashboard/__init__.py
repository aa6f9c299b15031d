"""Maker area (/maker): every view module imports `bp` from here; views.py lists them all."""

from flask import Blueprint

bp = Blueprint("maker", __name__, url_prefix="/maker")
