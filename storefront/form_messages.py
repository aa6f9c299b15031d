"""WTForms' built-in validation messages in the reader's language.

WTForms ships no Indonesian catalog, so "This field is required." reached Indonesian readers in
English. Its messages are listed here so the extractor keeps them in our catalog, and every request
hands Flask-WTF our translations instead of WTForms' own.
"""

from flask import request
from flask_babel import get_translations, ngettext
from flask_babel import lazy_gettext as _l

# WTForms looks these up by their exact English text.
MESSAGES = (
    _l("This field is required."),
    _l("Invalid email address."),
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid date value."),
    _l("Not a valid integer value."),
    _l("Field must be equal to %(other_name)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
)


def _plural_messages(n: int) -> None:  # never called: it only shows the extractor the plurals
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        n,
    )
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        n,
    )


def use_our_catalog_for_wtforms() -> None:
    """before_request: Flask-WTF reads this per-request attribute before WTForms' own catalogs."""
    request.wtforms_translations = get_translations()  # type: ignore[attr-defined]
