"""Keyset ("seek") pagination for deep lists, newest first: each page is one indexed range scan
after the last row of the previous one, whatever the depth (OFFSET reads and drops every row
before the page, and COUNT reads them all). The cursor is "<sort value>~<id>" in the URL."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, or_

from storefront.extensions import db

SEP = "~"


@dataclass(frozen=True)
class KeysetPage:
    items: list[Any]
    next_cursor: str | None  # None on the last page
    is_first: bool


def _decode(cursor: str | None, parse: Callable[[str], Any]) -> tuple[Any, int] | None:
    """The cursor's (value, id), or None for a missing or garbled one (the first page)."""
    if not cursor or SEP not in cursor or len(cursor) > 80:
        return None
    raw_value, _, raw_id = cursor.rpartition(SEP)
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 10:
        return None
    try:
        return parse(raw_value), int(raw_id)
    except ValueError:
        return None


def encode(value: date | datetime, row_id: int) -> str:
    return f"{value.isoformat()}{SEP}{row_id}"


def keyset_page(
    query: Select,
    sort_column,
    id_column,
    *,
    cursor: str | None,
    per_page: int,
    parse: Callable[[str], Any],
    key: Callable[[Any], tuple[Any, int]],
    scalars: bool = True,
) -> KeysetPage:
    """One page of `query` ordered by (sort_column, id_column) descending, after `cursor`.

    `key(item)` gives an item's (sort value, id); `parse` reads a sort value from the URL
    (datetime.fromisoformat, date.fromisoformat)."""
    after = _decode(cursor, parse)
    if after is not None:
        value, row_id = after
        query = query.where(
            or_(sort_column < value, and_(sort_column == value, id_column < row_id))
        )
    query = query.order_by(None).order_by(sort_column.desc(), id_column.desc()).limit(per_page + 1)
    result = db.session.execute(query)
    rows = list(result.scalars() if scalars else result.all())
    more = len(rows) > per_page
    items = rows[:per_page]
    next_cursor = encode(*key(items[-1])) if more and items else None
    return KeysetPage(items=items, next_cursor=next_cursor, is_first=after is None)
