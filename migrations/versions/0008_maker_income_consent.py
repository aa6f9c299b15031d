"""maker consent to show her income by name in the sponsor report

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 23:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("maker", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("shares_income", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("maker", schema=None) as batch_op:
        batch_op.drop_column("shares_income")
