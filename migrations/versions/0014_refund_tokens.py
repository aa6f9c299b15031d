"""refund_token: a refund form's one-time token, so a resubmitted form refunds once

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 10:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "refund_token",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("shop_order.id"), nullable=False),
        sa.Column("refund_id", sa.String(255), nullable=False),
        sa.Column("amount_idr", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_refund_token_order_id", "refund_token", ["order_id"])


def downgrade():
    op.drop_index("ix_refund_token_order_id", table_name="refund_token")
    op.drop_table("refund_token")
