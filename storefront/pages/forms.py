"""The admin's edit form of a content page."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from storefront.forms import BaseForm


class PageForm(BaseForm):
    title_id = StringField(_l("Title (Bahasa Indonesia)"), [DataRequired(), Length(max=120)])
    body_id = TextAreaField(_l("Text (Bahasa Indonesia)"), [DataRequired(), Length(max=20000)])
    title_en = StringField(_l("Title in English"), [Optional(), Length(max=120)])
    body_en = TextAreaField(_l("Text in English"), [Optional(), Length(max=20000)])
