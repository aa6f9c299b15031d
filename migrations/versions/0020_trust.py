"""trust: reviews (with the maker's reply), back-in-stock sign-ups, wishlists, product ratings

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 11:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("product") as batch:
        batch.add_column(
            sa.Column("review_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("rating_total", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("photo_key", sa.String(80), nullable=True),
        sa.Column("photo_width", sa.Integer(), nullable=True),
        sa.Column("photo_height", sa.Integer(), nullable=True),
        sa.Column("first_name", sa.String(60), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reject_reason", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply_body", sa.Text(), nullable=False),
        sa.Column("reply_status", sa.String(10), nullable=True),
        sa.Column("reply_reason", sa.String(300), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name=op.f("ck_review_rating_range")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_review_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_review_order_line_id_order_line")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_review_order_id_shop_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint("order_line_id", name=op.f("uq_review_order_line_id")),
    )
    op.create_index("ix_review_product_status", "review", ["product_id", "status", "approved_at"])
    op.create_index(op.f("ix_review_order_id"), "review", ["order_id"])
    op.create_index(op.f("ix_review_status"), "review", ["status"])
    op.create_index(op.f("ix_review_reply_status"), "review", ["reply_status"])
    op.create_table(
        "stock_alert",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("address", sa.String(254), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_stock_alert_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_alert")),
        sa.UniqueConstraint(
            "product_id", "channel", "address", name=op.f("uq_stock_alert_product_id")
        ),
        sa.UniqueConstraint("token", name=op.f("uq_stock_alert_token")),
    )
    op.create_index(op.f("ix_stock_alert_product_id"), "stock_alert", ["product_id"])
    op.create_index(op.f("ix_stock_alert_status"), "stock_alert", ["status"])
    op.create_table(
        "wishlist_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("was_sold_out", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_wishlist_item_user_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_wishlist_item_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishlist_item")),
        sa.UniqueConstraint("user_id", "product_id", name=op.f("uq_wishlist_item_user_id")),
    )
    op.create_index(op.f("ix_wishlist_item_user_id"), "wishlist_item", ["user_id"])
    op.create_index(op.f("ix_wishlist_item_product_id"), "wishlist_item", ["product_id"])


def downgrade():
    op.drop_table("wishlist_item")
    op.drop_table("stock_alert")
    op.drop_table("review")
    with op.batch_alter_table("product") as batch:
        batch.drop_column("rating_total")
        batch.drop_column("review_count")
