"""Forms for a maker's public profile choices."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Optional


class PrivacyForm(FlaskForm):
    uses_chosen_name = BooleanField(_l("Show a chosen name instead of my first name"))
    chosen_name = StringField(
        _l("Chosen name"),
        validators=[Optional(), Length(max=40)],
        filters=[lambda value: value.strip() if value else value],
    )
    shows_portrait = BooleanField(_l("Show my photo"))
    shows_sales_count = BooleanField(_l("Show how many of my products have been sold"))
    shares_income = BooleanField(_l("Let the sponsor report show my income with my name"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.uses_chosen_name.data and not (self.chosen_name.data or "").strip():
            self.chosen_name.errors.append(_l("Please write the name to show."))
            return False
        return True
