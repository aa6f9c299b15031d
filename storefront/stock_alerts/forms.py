"""The sign-up form on a sold-out product."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectChoice, StringField
from wtforms.validators import Length, Optional

from storefront.forms import GuestForm
from storefront.stock_alerts.models import Channel


class AlertForm(GuestForm):
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
    # Ticked on the page: she asked about this bag, and a similar new one from the same maker
    # answers the same wish with the same one message; unticking keeps it to this product.
    similar = BooleanField(_l("Or when she lists a similar one"), default=True)
    consent = BooleanField(
        _l(
            "I agree to get one WhatsApp message about this product (or a similar new one, "
            "if ticked), and nothing else."
        )
    )
