"""earnings ledger (append-only) and payouts

Revision ID: 0007
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None

APPEND_ONLY = ("ledger_transaction", "ledger_entry", "payout")


def upgrade():
    op.create_table(
        "payout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("maker_id", sa.Integer(), nullable=False),
        sa.Column("amount_idr", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_idr > 0", name=op.f("ck_payout_amount_positive")),
        sa.ForeignKeyConstraint(["maker_id"], ["maker.id"], name=op.f("fk_payout_maker_id_maker")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user_account.id"],
            name=op.f("fk_payout_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payout")),
    )
    with op.batch_alter_table("payout") as batch_op:
        batch_op.create_index(batch_op.f("ix_payout_maker_id"), ["maker_id"], unique=False)

    op.create_table(
        "ledger_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("payout_id", sa.Integer(), nullable=True),
        sa.Column("memo", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_ledger_transaction_order_id_shop_order")
        ),
        sa.ForeignKeyConstraint(
            ["payout_id"], ["payout.id"], name=op.f("fk_ledger_transaction_payout_id_payout")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transaction")),
        sa.UniqueConstraint("reference", name=op.f("uq_ledger_transaction_reference")),
    )
    with op.batch_alter_table("ledger_transaction") as batch_op:
        for column in ("kind", "order_id", "payout_id", "created_at"):
            batch_op.create_index(batch_op.f(f"ix_ledger_transaction_{column}"), [column])

    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        sa.Column("maker_id", sa.Integer(), nullable=True),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("amount_idr", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_idr <> 0", name=op.f("ck_ledger_entry_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["transaction_id"], ["ledger_transaction.id"],
            name=op.f("fk_ledger_entry_transaction_id_ledger_transaction"),
        ),
        sa.ForeignKeyConstraint(
            ["maker_id"], ["maker.id"], name=op.f("fk_ledger_entry_maker_id_maker")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"],
            name=op.f("fk_ledger_entry_order_line_id_order_line"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entry")),
    )
    with op.batch_alter_table("ledger_entry") as batch_op:
        for column in ("transaction_id", "maker_id", "order_line_id"):
            batch_op.create_index(batch_op.f(f"ix_ledger_entry_{column}"), [column])
        batch_op.create_index("ix_ledger_entry_account_tx", ["account", "transaction_id"])

    if op.get_bind().dialect.name == "postgresql":
        # Row triggers: UPDATE and DELETE are refused; TRUNCATE (tests, restores) is not a row event.
        op.execute(
            "CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ledger_append_only()"
            )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS ledger_append_only()")
    op.drop_table("ledger_entry")
    op.drop_table("ledger_transaction")
    op.drop_table("payout")
