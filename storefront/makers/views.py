from flask import Blueprint

bp = Blueprint("makers", __name__)
