"""The customer's "ask the maker to make another" form."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from storefront.auth.phone import normalise_phone
from storefront.forms import GuestForm, NameField


class MakeRequestForm(GuestForm):
    name = NameField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    whatsapp = StringField(_l("WhatsApp number"), validators=[Optional(), Length(max=30)])
    email = EmailField(
        _l("Email"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    message = TextAreaField(
        _l("What would you like (colour, size, how many)?"),
        validators=[Optional(), Length(max=1000)],
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.whatsapp.data and normalise_phone(self.whatsapp.data) is None:
            self.whatsapp.errors.append(
                _l("Write an Indonesian mobile number, like 0812 3456 7890.")
            )
            return False
        if not self.whatsapp.data and not self.email.data:
            self.whatsapp.errors.append(
                _l("Give a WhatsApp number or an email, so the maker can answer you.")
            )
            return False
        return True
