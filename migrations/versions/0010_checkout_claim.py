"""one pending order per cart: the cart remembers the checkout that claimed it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 08:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cart") as batch:
        batch.add_column(sa.Column("checkout_key", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("cart") as batch:
        batch.drop_column("checkout_key")
