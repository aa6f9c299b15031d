"""The form validator for amounts typed in rupiah; the parsing rule itself is money.read_idr."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from storefront.money import MAX_AMOUNT_IDR, AmountError, read_idr

CENTS_MESSAGE = _l("Enter whole rupiah, without cents.")
TOO_LARGE_MESSAGE = _l("That amount is too large: at most Rp1.000.000.000.")


def rupiah(message, minimum: int = 1, maximum: int | None = None, unreadable=None):
    """An amount of whole rupiah from `minimum` to `maximum` (at most MAX_AMOUNT_IDR); else
    `message` (or the cents or too-large one; `unreadable` for text that is no amount at all)."""

    def check(form, field) -> None:
        if not (field.data or "").strip():
            return
        try:
            amount = read_idr(field.data)
        except AmountError as error:
            if error.reason == "cents":
                raise ValidationError(CENTS_MESSAGE) from None
            raise ValidationError(unreadable or message) from None
        if amount < minimum or (maximum is not None and amount > maximum):
            raise ValidationError(message)
        if amount > MAX_AMOUNT_IDR:
            raise ValidationError(TOO_LARGE_MESSAGE)

    return check
