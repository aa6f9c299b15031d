"""The signed-in maker's own profile, for the pages she manages (auth decides who is a maker)."""

from flask import abort
from flask_login import current_user

from storefront.extensions import db
from storefront.makers.models import Maker


def current_maker() -> Maker:
    """The Maker profile of the signed-in maker (404 if she has none)."""
    maker = db.session.scalar(db.select(Maker).where(Maker.user_id == current_user.id))
    if maker is None:
        abort(404)
    return maker
