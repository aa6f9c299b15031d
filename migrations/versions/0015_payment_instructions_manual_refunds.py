"""payment instructions (QR, virtual account, app link) and refunds made by bank transfer by hand

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 11:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "payment_instruction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("gateway", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("qr_string", sa.Text(), nullable=False),
        sa.Column("va_number", sa.String(length=40), nullable=False),
        sa.Column("bank", sa.String(length=20), nullable=False),
        sa.Column("biller_code", sa.String(length=20), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name="fk_payment_instruction_order_id_shop_order"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payment_instruction"),
    )
    with op.batch_alter_table("payment_instruction") as batch:
        batch.create_index("ix_payment_instruction_order_id", ["order_id"])
    op.create_table(
        "manual_refund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("refund_id", sa.String(length=255), nullable=False),
        sa.Column("amount_idr", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=60), nullable=False),
        sa.Column("account_holder", sa.String(length=120), nullable=False),
        sa.Column("account_number", sa.String(length=40), nullable=False),
        sa.Column("transfer_reference", sa.String(length=120), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name="fk_manual_refund_order_id_shop_order"
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name="fk_manual_refund_actor_id_user_account"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_manual_refund"),
        sa.UniqueConstraint("refund_id", name="uq_manual_refund_refund_id"),
    )
    with op.batch_alter_table("manual_refund") as batch:
        batch.create_index("ix_manual_refund_order_id", ["order_id"])


def downgrade():
    with op.batch_alter_table("manual_refund") as batch:
        batch.drop_index("ix_manual_refund_order_id")
    op.drop_table("manual_refund")
    with op.batch_alter_table("payment_instruction") as batch:
        batch.drop_index("ix_payment_instruction_order_id")
    op.drop_table("payment_instruction")
