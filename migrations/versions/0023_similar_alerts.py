"""issue 16 leftovers: "tell me when she lists a similar one" on back-in-stock sign-ups

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 15:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    # batch: SQLite rebuilds the table for the foreign key; PostgreSQL alters it in place.
    with op.batch_alter_table("stock_alert") as batch:
        batch.add_column(
            sa.Column("wants_similar", sa.Boolean(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("similar_product_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_stock_alert_similar_product_id_product"),
            "product",
            ["similar_product_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("stock_alert") as batch:
        batch.drop_constraint(op.f("fk_stock_alert_similar_product_id_product"), type_="foreignkey")
        batch.drop_column("similar_product_id")
        batch.drop_column("wants_similar")
