"""The one checkout form: contact, delivery (address or pick-up), and the idempotency key.
It has no price fields: totals are computed from the database only."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from storefront.auth.phone import normalise_any_phone
from storefront.checkout.countries import HOME, abroad_fee, country_choices, is_country
from storefront.checkout.provinces import PROVINCES
from storefront.forms import BaseForm, NameField
from storefront.i18n import current_locale
from storefront.orders.models import DeliveryMethod

POSTAL_CODE = re.compile(r"[0-9]{5}")
POSTAL_CODE_ABROAD = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{1,10}")
KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class CheckoutForm(BaseForm):
    name = NameField(_l("Your name"), validators=[InputRequired(), Length(max=120)])
    email = EmailField(
        _l("Email"),
        validators=[InputRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    country = SelectField(_l("Country"), default=HOME, validate_choice=False)
    phone = StringField(
        _l("Mobile number (WhatsApp)"),
        validators=[InputRequired(), Length(max=30)],
        description=_l("From abroad, with the country code: +44 7911 123456."),
    )
    delivery = RadioField(
        _l("Delivery"),
        choices=[
            SelectChoice(DeliveryMethod.SHIP.value, _l("Send to my address")),
            SelectChoice(DeliveryMethod.PICKUP.value, _l("Pick up at the training centre (free)")),
        ],
        default=DeliveryMethod.SHIP.value,
        validators=[InputRequired()],
    )
    street = StringField(_l("Street and house number"), validators=[Optional(), Length(max=200)])
    area = StringField(
        _l("Kelurahan / kecamatan (abroad: state or region)"),
        validators=[Optional(), Length(max=200)],
    )
    city = StringField(_l("City or regency"), validators=[Optional(), Length(max=100)])
    province = SelectField(
        _l("Province"),
        choices=[SelectChoice("", _l("Choose a province"))] + [SelectChoice(p) for p in PROVINCES],
        default="",
        validate_choice=False,  # checked below, with a clear message
    )
    postal_code = StringField(_l("Postal code"), validators=[Optional(), Length(max=12)])
    idempotency_key = HiddenField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices(current_locale())

    @property
    def is_abroad(self) -> bool:
        return (self.country.data or HOME) != HOME

    def validate_country(self, field) -> None:
        if not is_country(field.data or ""):
            raise ValidationError(_l("Please choose your country."))

    def validate_phone(self, field) -> None:
        region = self.country.data if is_country(self.country.data or "") else HOME
        normalised = normalise_any_phone(field.data, region)
        if normalised is None:
            raise ValidationError(
                _l(
                    "Please enter a mobile number, like 0812 3456 7890 in Indonesia or "
                    "+44 7911 123456 from abroad."
                )
            )
        field.data = normalised

    def validate_idempotency_key(self, field) -> None:
        if not KEY.fullmatch(field.data or ""):
            raise ValidationError(_l("This form is out of date. Please try again."))

    @property
    def is_pickup(self) -> bool:
        return self.delivery.data == DeliveryMethod.PICKUP

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.is_pickup:
            return ok
        if self.is_abroad:
            return self._validate_abroad() and ok
        for field in (self.street, self.area, self.city):
            if not (field.data or "").strip():
                field.errors.append(_l("Please fill this in for delivery."))
                ok = False
        if self.province.data not in PROVINCES:
            self.province.errors.append(_l("Please choose your province."))
            ok = False
        if not POSTAL_CODE.fullmatch(self.postal_code.data or ""):
            self.postal_code.errors.append(_l("A postal code has 5 digits."))
            ok = False
        return ok

    def _validate_abroad(self) -> bool:
        """An address abroad: street and city; region and postal code as that country has them."""
        ok = True
        for field in (self.street, self.city):
            if not (field.data or "").strip():
                field.errors.append(_l("Please fill this in for delivery."))
                ok = False
        postal = (self.postal_code.data or "").strip()
        if postal and not POSTAL_CODE_ABROAD.fullmatch(postal):
            self.postal_code.errors.append(_l("Write the postal code as letters and digits."))
            ok = False
        if is_country(self.country.data or "") and abroad_fee(self.country.data) is None:
            self.country.errors.append(_l("Sorry, we cannot send parcels to this country yet."))
            ok = False
        return ok

    def contact_data(self) -> dict:
        """The validated fields place_order needs (never any price)."""
        data = {
            "contact_name": self.name.data.strip(),
            "email": self.email.data.strip().lower(),
            "phone": self.phone.data,
            "delivery_method": self.delivery.data,
            "country": self.country.data or HOME,
        }
        if not self.is_pickup:
            data.update(
                street=self.street.data.strip(),
                area=(self.area.data or "").strip(),
                city=self.city.data.strip(),
                province="" if self.is_abroad else self.province.data,
                postal_code=(self.postal_code.data or "").strip().upper(),
            )
        return data
