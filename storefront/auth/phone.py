"""Indonesian mobile numbers: every way people write them becomes one form, +628..."""

import re

_SEPARATORS = re.compile(r"[\s\-().]")
# Indonesian mobile numbers: 8 then 8 to 12 more digits after the country code.
_MOBILE = re.compile(r"8[0-9]{7,12}")  # ASCII digits only: one way to write each number


def normalise_phone(raw: str | None) -> str | None:
    """'0812-3456 7890', '62812...', '+62 812...' -> '+62812...'; None if not a mobile number."""
    if not raw:
        return None
    number = _SEPARATORS.sub("", raw.strip())
    if number.startswith("+62"):
        number = number[3:]
    elif number.startswith("62"):
        number = number[2:]
    elif number.startswith("0"):
        number = number[1:]
    if not _MOBILE.fullmatch(number):
        return None
    return f"+62{number}"


def looks_like_phone(identifier: str) -> bool:
    """True when a sign-in identifier is meant as a phone number rather than an email."""
    return "@" not in identifier and any(ch.isdigit() for ch in identifier)


def wa_digits(phone: str) -> str:
    """The digits wa.me expects: country code and number, no '+'."""
    return "".join(ch for ch in phone if ch.isdigit())


def normalise_any_phone(raw: str | None, region: str = "ID") -> str | None:
    """A phone number from any country in E.164 (+44..., +1...), read as written in `region` when
    it has no country code; an Indonesian mobile in any local form (0812...) stays +628...
    None if it is not a valid number."""
    indonesian = normalise_phone(raw)
    if indonesian is not None or not raw:
        return indonesian
    import phonenumbers  # only checkout needs it

    try:
        number = phonenumbers.parse(raw.strip(), region.upper() or "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if number.country_code == 62:  # Indonesian but not a mobile: WhatsApp needs one
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
