"""The buyer's review form and the maker's reply form."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from storefront.forms import BaseForm
from storefront.reviews.models import MAX_BODY, MAX_REPLY

STARS = [SelectChoice(str(n), str(n)) for n in range(5, 0, -1)]


class ReviewForm(BaseForm):
    rating = RadioField(_l("Stars"), choices=STARS, validators=[InputRequired()])
    body = TextAreaField(_l("Your review"), [Optional(), Length(max=MAX_BODY)])
    photo = FileField(_l("A photo (optional)"))


class ReplyForm(BaseForm):
    body = TextAreaField(_l("Your reply"), [InputRequired(), Length(max=MAX_REPLY)])
