"""Pure text folding for search: one form for "Tas Biru", "tas  BIRU" and "tás biru"."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")
MAX_WORDS = 8


def fold(text: str) -> str:
    """Lower case, accents dropped (NFKD, combining marks removed), ASCII letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())


def words(text: str) -> list[str]:
    """The distinct folded words of a query, in order, at most MAX_WORDS."""
    seen: list[str] = []
    for word in fold(text).split():
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def document(*parts: str) -> str:
    return fold(" ".join(part for part in parts if part))
