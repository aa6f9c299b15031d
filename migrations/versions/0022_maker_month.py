"""running monthly totals: per maker and month of sale (income, units, plastic) and per month of
posting (orders paid, money in and back, fees, payouts), filled from the ledger as it stands

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 15:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def _month(column: str) -> str:
    """The Jakarta month ("YYYY-MM") of a UTC timestamp column, as the app computes it."""
    if op.get_bind().dialect.name == "postgresql":
        return f"to_char(timezone('Asia/Jakarta', {column}), 'YYYY-MM')"
    return f"strftime('%Y-%m', {column}, '+7 hours')"


SOLD_LINES = """
    SELECT e.order_line_id AS line_id, MIN(e.maker_id) AS maker_id,
           MIN(CASE WHEN t.kind = 'sale' THEN t.created_at END) AS sold_at,
           SUM(CASE WHEN e.account LIKE 'maker:%' THEN e.amount_idr ELSE 0 END) AS share_idr,
           SUM(CASE WHEN t.kind = 'refund' THEN -e.amount_idr ELSE 0 END) AS refunded_idr
    FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
    WHERE e.order_line_id IS NOT NULL AND t.kind IN ('sale', 'refund')
    GROUP BY e.order_line_id
"""


def upgrade():
    op.create_table(
        "maker_month",
        sa.Column("maker_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("income_idr", sa.BigInteger(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("plastic_grams", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["maker_id"], ["maker.id"], name=op.f("fk_maker_month_maker_id_maker")),
        sa.PrimaryKeyConstraint("maker_id", "month", name=op.f("pk_maker_month")),
    )
    op.create_index(op.f("ix_maker_month_month"), "maker_month", ["month"], unique=False)
    op.create_table(
        "ledger_month",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("orders_paid", sa.BigInteger(), nullable=False),
        sa.Column("sales_idr", sa.BigInteger(), nullable=False),
        sa.Column("refunds_idr", sa.BigInteger(), nullable=False),
        sa.Column("platform_fees_idr", sa.BigInteger(), nullable=False),
        sa.Column("paid_out_idr", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_ledger_month")),
    )
    kept = "(l.line_total_idr - s.refunded_idr)"
    op.execute(
        f"""
        INSERT INTO maker_month (maker_id, month, income_idr, units, plastic_grams)
        SELECT s.maker_id, {_month("s.sold_at")}, SUM(s.share_idr),
               SUM(l.quantity * {kept} / l.line_total_idr),
               SUM(l.plastic_grams * l.quantity * {kept} / l.line_total_idr)
        FROM ({SOLD_LINES}) s JOIN order_line l ON l.id = s.line_id
        WHERE s.sold_at IS NOT NULL AND l.line_total_idr > 0
        GROUP BY s.maker_id, {_month("s.sold_at")}
        """
    )
    op.execute(
        f"""
        INSERT INTO ledger_month
            (month, orders_paid, sales_idr, refunds_idr, platform_fees_idr, paid_out_idr)
        SELECT {_month("t.created_at")},
               COUNT(DISTINCT CASE WHEN t.kind = 'sale' THEN t.id END),
               COALESCE(SUM(CASE WHEN e.account = 'customer_payments' AND t.kind = 'sale'
                            THEN -e.amount_idr END), 0),
               COALESCE(SUM(CASE WHEN e.account = 'customer_payments' AND t.kind = 'refund'
                            THEN e.amount_idr END), 0),
               COALESCE(SUM(CASE WHEN e.account = 'platform_fees' THEN e.amount_idr END), 0),
               COALESCE(SUM(CASE WHEN e.account = 'payouts' AND t.kind = 'payout'
                            THEN e.amount_idr END), 0)
        FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
        GROUP BY {_month("t.created_at")}
        """
    )


def downgrade():
    op.drop_table("ledger_month")
    op.drop_index(op.f("ix_maker_month_month"), table_name="maker_month")
    op.drop_table("maker_month")
