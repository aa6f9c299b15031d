"""timeline notes as a kind and parameters, worded in the reader's language when shown

The English sentences stored until now are parsed here, once, with the patterns the pages used
to parse them on every view; text that matches none (an admin's own words) becomes a "text" note.
The downgrade writes the sentences back.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 09:40:00

"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

changes = sa.table(
    "order_status_change",
    sa.column("id", sa.Integer),
    sa.column("note", sa.String),
    sa.column("note_kind", sa.String),
    sa.column("note_params", sa.JSON),
)

# (pattern, kind, names of its groups), tried in this order, as the old reader did.
OLD_NOTES = (
    (r"reservation expired", "reservation_expired", ()),
    (r"cancelled by admin", "cancelled_by_admin", ()),
    (r"payment failed (\S*) ?\((.+)\)", "payment_failed", ("reference", "event")),
    (r"payment cancelled \((.+)\)", "payment_cancelled", ("event",)),
    (r"payment (\S+) \((.+)\)", "payment", ("reference", "event")),
    (r"partial refund of (\d+) rupiah \((.+)\)", "partial_refund", ("amount_idr", "reference")),
    (r"automatic refund (\S+)", "automatic_refund", ("reference",)),
    (r"refunded by admin \((.+)\)", "refunded_by_admin", ("reference",)),
    (r"refunded \((.+)\)", "refunded", ("event",)),
)
SENTENCES = {
    "reservation_expired": "reservation expired",
    "cancelled_by_admin": "cancelled by admin",
    "payment_failed": "payment failed {reference} ({event})",
    "payment_cancelled": "payment cancelled ({event})",
    "payment": "payment {reference} ({event})",
    "partial_refund": "partial refund of {amount_idr} rupiah ({reference})",
    "automatic_refund": "automatic refund {reference}",
    "refunded_by_admin": "refunded by admin ({reference})",
    "refunded": "refunded ({event})",
}


def parse(note):
    """(kind, params) for a sentence the shop wrote; an unknown one is kept as text."""
    if not note:
        return "none", {}
    for pattern, kind, names in OLD_NOTES:
        match = re.fullmatch(pattern, note)
        if match:
            params = dict(zip(names, match.groups(), strict=True))
            if "amount_idr" in params:
                params["amount_idr"] = int(params["amount_idr"])
            return kind, params
    return "text", {"text": note}


def sentence(kind, params):
    """The English sentence the shop used to store for a note."""
    if kind == "text":
        return str(params.get("text", ""))[:300]
    template = SENTENCES.get(kind)
    return template.format(**params)[:300] if template else ""


def upgrade():
    with op.batch_alter_table("order_status_change") as batch_op:
        batch_op.add_column(
            sa.Column("note_kind", sa.String(length=30), server_default="none", nullable=False)
        )
        batch_op.add_column(
            sa.Column("note_params", sa.JSON(), server_default="{}", nullable=False)
        )
    connection = op.get_bind()
    rows = connection.execute(sa.select(changes.c.id, changes.c.note).where(changes.c.note != ""))
    for row_id, note in rows.all():
        kind, params = parse(note)
        connection.execute(
            changes.update()
            .where(changes.c.id == row_id)
            .values(note_kind=kind, note_params=params)
        )
    with op.batch_alter_table("order_status_change") as batch_op:
        batch_op.drop_column("note")


def downgrade():
    with op.batch_alter_table("order_status_change") as batch_op:
        batch_op.add_column(
            sa.Column("note", sa.String(length=300), server_default="", nullable=False)
        )
    connection = op.get_bind()
    query = sa.select(changes.c.id, changes.c.note_kind, changes.c.note_params).where(
        changes.c.note_kind != "none"
    )
    for row_id, kind, params in connection.execute(query).all():
        connection.execute(
            changes.update().where(changes.c.id == row_id).values(note=sentence(kind, params or {}))
        )
    with op.batch_alter_table("order_status_change") as batch_op:
        batch_op.alter_column("note", server_default=None, existing_type=sa.String(length=300))
        batch_op.drop_column("note_params")
        batch_op.drop_column("note_kind")
