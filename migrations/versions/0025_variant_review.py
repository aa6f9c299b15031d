"""options of a live listing that change its price wait for review

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 15:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    # Every option that exists already was put on sale under the old rule: it stays approved.
    with op.batch_alter_table("product_variant") as batch_op:
        batch_op.add_column(
            sa.Column("is_approved", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # Options still waiting would go on sale with the column gone: remove them first.
    op.execute(sa.text("DELETE FROM product_variant WHERE NOT is_approved"))
    with op.batch_alter_table("product_variant") as batch_op:
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("is_approved")
