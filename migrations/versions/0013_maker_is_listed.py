"""maker.is_active -> maker.is_listed: it means "shown in the shop", not an active account

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 09:40:00

"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("maker") as batch_op:
        batch_op.alter_column("is_active", new_column_name="is_listed")


def downgrade():
    with op.batch_alter_table("maker") as batch_op:
        batch_op.alter_column("is_listed", new_column_name="is_active")
