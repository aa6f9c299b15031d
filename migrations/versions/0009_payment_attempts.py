"""payment attempts and early refunds

An order's payment attempt number (part of the gateway idempotency key, so a retry after a
definite failure gets a fresh key) and deferred refund events (a refund reported before its
payment, kept and applied once the sale is posted).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 08:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payment_attempt", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("payment_event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_deferred", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("payment_event", schema=None) as batch_op:
        batch_op.drop_column("is_deferred")
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.drop_column("payment_attempt")
