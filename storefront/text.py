"""Untrusted text made comparable and safe to show: one Unicode form, no invisible characters."""

import re
import unicodedata

# Bidi controls can make a name display reversed or spoof another ("gnp.exe"); zero-width
# characters make two names that look the same differ. Neither belongs in a name or a title.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, BIDI_CONTROLS + ZERO_WIDTH))


def nfc(value):
    """Text in Unicode NFC ("e" + combining accent becomes one "é"); anything else unchanged."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def clean_name(value):
    """A name or title without bidi-control and zero-width characters, in NFC."""
    return nfc(value.translate(_INVISIBLE)) if isinstance(value, str) else value


# Web addresses in reviews and replies: refused when written, and never shown (spam lives on links).
LINK_RE = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|net|org|id|co|io|ly|me|shop)\b)", re.I)
LINK_TEXT = "[…]"


def has_link(text: str) -> bool:
    return bool(LINK_RE.search(text or ""))


def strip_links(text: str) -> str:
    """The text with every word that looks like a web address replaced by "[…]"."""
    words = (text or "").split(" ")
    return " ".join(LINK_TEXT if has_link(word) else word for word in words)
