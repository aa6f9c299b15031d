"""makers (issue 15): "make another" requests, the maker's choice to take them, staged photos, her story and portrait under review, content pages

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 11:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("maker") as batch_op:
        batch_op.add_column(
            sa.Column("accepts_requests", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("pending_story_id", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pending_story_en", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pending_portrait_key", sa.String(80), nullable=True))
        batch_op.add_column(
            sa.Column("profile_submitted_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("profile_review_note", sa.String(500), nullable=True))
    op.create_table(
        "make_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("product_id", sa.Integer(), sa.ForeignKey("product.id"), nullable=False),
        sa.Column("maker_id", sa.Integer(), sa.ForeignKey("maker.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("whatsapp", sa.String(20), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_make_request_product_id", "make_request", ["product_id"])
    op.create_index("ix_make_request_maker_id", "make_request", ["maker_id"])
    op.create_table(
        "staged_photo",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("maker_id", sa.Integer(), sa.ForeignKey("maker.id"), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_staged_photo_token", "staged_photo", ["token"])
    op.create_index("ix_staged_photo_maker_id", "staged_photo", ["maker_id"])
    op.create_table(
        "content_page",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(40), nullable=False),
        sa.Column("title_id", sa.String(120), nullable=False),
        sa.Column("title_en", sa.String(120), nullable=False),
        sa.Column("body_id", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("slug", name="uq_content_page_slug"),
    )


def downgrade():
    op.drop_table("content_page")
    op.drop_index("ix_staged_photo_maker_id", table_name="staged_photo")
    op.drop_index("ix_staged_photo_token", table_name="staged_photo")
    op.drop_table("staged_photo")
    op.drop_index("ix_make_request_maker_id", table_name="make_request")
    op.drop_index("ix_make_request_product_id", table_name="make_request")
    op.drop_table("make_request")
    with op.batch_alter_table("maker") as batch_op:
        for column in (
            "profile_review_note",
            "profile_submitted_at",
            "pending_portrait_key",
            "pending_story_en",
            "pending_story_id",
            "accepts_requests",
        ):
            batch_op.drop_column(column)
