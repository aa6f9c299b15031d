"""Turn the catalog query string into validated filters; bad values become messages, not errors."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from storefront.catalog.queries import MAX_QUERY_LENGTH, SORTS, ProductFilters
from storefront.money import parse_idr
from storefront.validation import parse_page


@dataclass
class ParsedFilters:
    filters: ProductFilters
    page: int
    notices: list[str] = field(default_factory=list)


def clean_text(value: str | None, limit: int = MAX_QUERY_LENGTH) -> str:
    """Drop control characters (NUL breaks PostgreSQL), fold spaces and cap the length."""
    if not value:
        return ""
    printable = "".join(ch if ch.isprintable() else " " for ch in value)
    return " ".join(printable.split())[:limit]


def _price(args: MultiDict, name: str, label: str, notices: list[str]) -> int | None:
    raw = clean_text(args.get(name), 30)
    if not raw:
        return None
    value = parse_idr(raw)
    if value is None:
        notices.append(
            _("%(label)s must be a whole number of rupiah; it was ignored.", label=label)
        )
    return value


def parse_filters(args: MultiDict) -> ParsedFilters:
    notices: list[str] = []
    min_price = _price(args, "min_price", _("Lowest price"), notices)
    max_price = _price(args, "max_price", _("Highest price"), notices)
    if min_price is not None and max_price is not None and min_price > max_price:
        min_price, max_price = max_price, min_price
        notices.append(_("The lowest price was higher than the highest; we swapped them."))
    sort = args.get("sort", "newest")
    filters = ProductFilters(
        category=clean_text(args.get("category"), 60) or None,
        maker=clean_text(args.get("maker"), 80) or None,
        min_price=min_price,
        max_price=max_price,
        q=clean_text(args.get("q")),
        sort=sort if sort in SORTS else "newest",
    )
    return ParsedFilters(filters=filters, page=parse_page(args.get("page")), notices=notices)
