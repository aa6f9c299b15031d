"""The signed-in customer's own pages (/account)."""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/account")

from storefront.account import views  # noqa: E402, F401  (attach the routes)
