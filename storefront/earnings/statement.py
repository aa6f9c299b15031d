"""CSV exports: a maker's statement and the payout history for the bookkeeper."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l

from storefront.database import as_utc
from storefront.earnings import queries
from storefront.shop import TIMEZONE

# Column titles of the maker's own statement, in her language (she opens it in a spreadsheet; the
# bookkeeper's payout export below keeps stable machine names).
STATEMENT_COLUMNS = (
    _l("Date"),
    _l("Type"),
    _l("Order"),
    _l("Product"),
    _l("Quantity"),
    _l("Unit price (Rp)"),
    _l("Line total (Rp)"),
    _l("Shop fee (Rp)"),
    _l("For me (Rp)"),
    _l("Balance owed to me (Rp)"),
    _l("Reference"),
)
KIND_LABELS = {"sale": _l("sale"), "refund": _l("refund"), "payout": _l("payment to me")}
PAYOUT_HEADER = [
    "paid_on",
    "maker",
    "amount_idr",
    "method",
    "provider",
    "reference",
    "note",
    "recorded_at",
]


def local_time(moment: datetime) -> str:
    """Jakarta time as text; SQLite hands back naive datetimes, which are UTC here."""
    return as_utc(moment).astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M")


def _cell(value: object) -> object:
    # Text opening with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(header: list[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def maker_statement_csv(maker_id: int) -> str:
    """Every posting on her account, oldest first, with a running balance."""
    balance = 0
    rows = []
    for row in queries.statement_rows(maker_id):
        balance += row.net_idr
        rows.append(
            [
                local_time(row.created_at),
                str(KIND_LABELS.get(row.kind, row.kind)),
                row.order_number,
                row.title,
                row.quantity or "",
                row.unit_price_idr or "",
                row.line_total_idr or "",
                row.fee_idr,
                row.net_idr,
                balance,
                row.reference,
            ]
        )
    return to_csv([str(title) for title in STATEMENT_COLUMNS], rows)


def payouts_csv(maker_id: int | None = None) -> str:
    rows = [
        [
            p.paid_on.isoformat(),
            m.full_name,
            p.amount_idr,
            p.method,
            p.provider,
            p.reference,
            p.note,
            local_time(p.created_at),
        ]
        for p, m in queries.payout_history(maker_id)
    ]
    return to_csv(PAYOUT_HEADER, rows)
