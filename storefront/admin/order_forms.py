"""Forms of the admin orders and payouts pages."""

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from storefront.earnings.models import EWALLETS, PayoutMethod
from storefront.forms import BaseForm, BaseGetForm
from storefront.money_forms import rupiah
from storefront.orders.labels import order_status_label
from storefront.orders.models import OrderStatus
from storefront.validation import is_sensible_date


def sensible_date(form, field) -> None:
    if field.data and not is_sensible_date(field.data):
        raise ValidationError(_l("Choose a date between the years 2000 and 2100."))


amount_check = rupiah(_l("Write an amount in rupiah, like 150.000."), minimum=1)


class OrderFilterForm(BaseGetForm):
    """GET filters (no CSRF: reading never changes anything)."""

    status = SelectField(_l("Status"), choices=[], validators=[Optional()], validate_choice=False)
    maker = SelectField(_l("Maker"), choices=[], validators=[Optional()], validate_choice=False)
    date_from = DateField(_l("From"), validators=[Optional(), sensible_date])
    date_to = DateField(_l("To"), validators=[Optional(), sensible_date])
    q = StringField(_l("Number, email or phone"), validators=[Optional(), Length(max=100)])

    def fill_choices(self, makers) -> None:
        self.status.choices = [SelectChoice("", _l("Any status"))] + [
            SelectChoice(s.value, order_status_label(s)) for s in OrderStatus
        ]
        self.maker.choices = [SelectChoice("", _l("Any maker"))] + [
            SelectChoice(str(m.id), m.full_name) for m in makers
        ]


class ShipForm(BaseForm):
    courier = StringField(_l("Courier"), validators=[DataRequired(), Length(max=60)])
    tracking_number = StringField(
        _l("Tracking number"), validators=[DataRequired(), Length(max=80)]
    )


def new_refund_token() -> str:
    return secrets.token_urlsafe(16)


class RefundForm(BaseForm):
    # One-time: drawn with the page, sent back with the POST; a second POST of the same page
    # (a double tap, a resubmit after reload) finds it spent and makes no second refund.
    token = HiddenField(
        default=new_refund_token,
        validators=[Optional(), Length(max=64), Regexp(r"^[A-Za-z0-9_-]+$")],
    )
    amount = StringField(_l("Amount to refund (Rp)"), validators=[Optional(), amount_check])
    note = StringField(_l("Reason"), validators=[Optional(), Length(max=300)])
    # A refund the payment service cannot make (a virtual account, some QRIS): the admin
    # transfers it by bank herself and records the transfer here.
    bank = StringField(_l("Bank"), validators=[Optional(), Length(max=60)])
    account_holder = StringField(_l("Account holder"), validators=[Optional(), Length(max=120)])
    account_number = StringField(
        _l("Account number"), validators=[Optional(), Length(max=40), Regexp(r"^[0-9 -]+$")]
    )
    transfer_reference = StringField(
        _l("Transfer reference"), validators=[Optional(), Length(max=120)]
    )

    BANK_FIELDS = ("bank", "account_holder", "account_number", "transfer_reference")

    def by_bank_transfer(self) -> bool:
        return any((getattr(self, name).data or "").strip() for name in self.BANK_FIELDS)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.by_bank_transfer():
            for name in self.BANK_FIELDS:
                field = getattr(self, name)
                if not (field.data or "").strip():
                    field.errors = [*field.errors, _l("Fill in every field of the bank transfer.")]
                    valid = False
        return valid


class PayoutForm(BaseForm):
    amount = StringField(_l("Amount (Rp)"), validators=[DataRequired(), amount_check])
    paid_on = DateField(_l("Paid on"), validators=[DataRequired(), sensible_date])
    method = SelectField(
        _l("How"),
        choices=[
            SelectChoice(PayoutMethod.BANK.value, _l("Bank transfer")),
            SelectChoice(PayoutMethod.EWALLET.value, _l("E-wallet")),
            SelectChoice(PayoutMethod.CASH.value, _l("Cash at the training centre")),
        ],
    )
    provider = StringField(
        _l("Bank or e-wallet (GoPay, OVO, DANA)"), validators=[Optional(), Length(max=40)]
    )
    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=120)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=300)])
    confirm_over_balance = BooleanField(_l("Yes, pay more than she is owed"))

    def validate_provider(self, field) -> None:
        if self.method.data == PayoutMethod.EWALLET and field.data not in EWALLETS:
            raise ValidationError(_l("Choose the e-wallet: GoPay, OVO or DANA."))
