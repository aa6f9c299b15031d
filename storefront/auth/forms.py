"""Sign-in, registration, password and maker-invitation forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from storefront.auth.passwords import MIN_LENGTH, is_weak
from storefront.auth.phone import normalise_phone
from storefront.forms import BaseForm, NameField


class EmptyForm(BaseForm):
    """For POST-only buttons: only the CSRF token."""


def strong_password(form, field) -> None:
    if is_weak(field.data or ""):
        raise ValidationError(
            _l("Use at least %(n)s characters, and not a common password.", n=MIN_LENGTH)
        )


def indonesian_phone(form, field) -> None:
    if field.data and normalise_phone(field.data) is None:
        raise ValidationError(_l("Please write a mobile number like 0812 3456 7890."))


class LoginForm(BaseForm):
    identifier = StringField(
        _l("Email or phone number"), validators=[DataRequired(), Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class _NewPassword:
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=200), strong_password]
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class SetPasswordForm(_NewPassword, BaseForm):
    pass


class RegisterForm(_NewPassword, BaseForm):
    name = NameField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(
        _l("Phone number (optional)"), validators=[Optional(), Length(max=30), indonesian_phone]
    )


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class MakerCreateForm(BaseForm):
    name = NameField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    phone = StringField(
        _l("Phone number (WhatsApp)"), validators=[Optional(), Length(max=30), indonesian_phone]
    )
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Email(), Length(max=254)])
    neighbourhood = StringField(_l("Neighbourhood"), validators=[Optional(), Length(max=120)])
    specialty = StringField(_l("What she makes"), validators=[Optional(), Length(max=200)])
    story = TextAreaField(_l("Short profile"), validators=[Optional(), Length(max=2000)])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not (self.phone.data or self.email.data):
            self.phone.errors.append(_l("Please give a phone number or an email address."))
            return False
        return True
