"""The base of every form: all text input arrives in NFC; names and titles lose invisible marks."""

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from wtforms import Form, PasswordField, StringField

from storefront.text import clean_name, nfc


class NormalisingMeta:
    """Adds `nfc` as the first filter of every text field (passwords excepted: their hashes were
    made from the exact text typed)."""

    def bind_field(self, form, unbound_field, options):
        field_class = unbound_field.field_class
        if issubclass(field_class, StringField) and not issubclass(field_class, PasswordField):
            filters = unbound_field.kwargs.get("filters", ())
            if len(unbound_field.args) > 2:  # filters given positionally
                raise TypeError("give a field's filters as filters=[...]")
            options = {**options, "filters": [nfc, *filters]}
        # A mixin: WTForms puts it before its DefaultMeta, whose bind_field this calls.
        return super().bind_field(form, unbound_field, options)  # type: ignore[misc]


def prefill(form: Form, values: dict[str, Any], skip: tuple[str, ...] = ()) -> None:
    """Fill an edit form from an object's saved values the way WTForms fills it from `obj=`:
    through each field's process_data, so a select coerces the value and marks the saved choice
    selected (a select that marks none submits its FIRST option, silently changing the object).
    Numbers become text for text fields; None becomes empty."""
    for name, value in values.items():
        field = form._fields.get(name)
        if field is None or name in skip:
            continue
        if isinstance(field, StringField):
            value = "" if value is None else (str(value) if isinstance(value, int) else value)
        field.process_data(value)


class _TokenWhenShown:
    """A CSRF token drawn the first time a page prints it. Flask-WTF draws one as soon as a form
    is built, which writes the session: a guest page that merely builds a form it shows only
    sometimes (the product page's "ask the maker", for a product that is gone) would then set a
    cookie and never be cached. Printed (str, or Jinja's __html__), it is the real token."""

    def __init__(self, meta: Any) -> None:
        self._meta = meta
        self._token: str | None = None

    def __str__(self) -> str:
        if self._token is None:
            self._token = generate_csrf(
                secret_key=self._meta.csrf_secret, token_key=self._meta.csrf_field_name
            )
        return self._token

    __html__ = __str__


class LazyCSRFMeta(NormalisingMeta):
    """Flask-WTF's CSRF check, with the token drawn only when the form is shown."""

    def build_csrf(self, form):
        csrf = super().build_csrf(form)  # type: ignore[misc]
        csrf.generate_csrf_token = lambda field: _TokenWhenShown(form.meta)
        return csrf


class BaseForm(FlaskForm):
    """Every POSTed form (CSRF from Flask-WTF; its token drawn only when the form is shown)."""

    Meta = LazyCSRFMeta


class GuestForm(BaseForm):
    """A form guests send from a cached page (no per-visitor token can be on it): it carries no
    token; its view is `csrf.exempt` and calls `security.check_same_origin_or_token()`."""

    class Meta(LazyCSRFMeta):
        csrf = False


class BaseGetForm(Form):
    """Forms read from the query string (no CSRF: reading changes nothing)."""

    Meta = NormalisingMeta


class NameField(StringField):
    """A person's or a product's name: no bidi-control or zero-width characters, so what is shown
    is what was meant; text of only such characters is empty (and refused where required)."""

    data: Any  # what WTForms holds for the field (None before any input)

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        self.data = clean_name(self.data)
