"""The sign-up form on a sold-out product."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectChoice, StringField
from wtforms.validators import Length, Optional

from storefront.forms import BaseForm
from storefront.stock_alerts.models import Channel


class AlertForm(BaseForm):
    channel = RadioField(
        _l("Tell me by"),
        choices=[
            SelectChoice(Channel.EMAIL.value, _l("Email")),
            SelectChoice(Channel.WHATSAPP.value, _l("WhatsApp")),
        ],
        default=Channel.EMAIL.value,
        validators=[Optional()],
    )
    email = EmailField(_l("Email"), [Optional(), Length(max=254)])
    phone = StringField(_l("WhatsApp number"), [Optional(), Length(max=30)])
    consent = BooleanField(
        _l("I agree to get one WhatsApp message about this product, and nothing else.")
    )
