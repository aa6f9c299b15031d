"""vouchers and sponsor campaigns, gift orders, display currency rates, made-to-order capacity,
product variants

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 11:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

ORDER_COLUMNS = (
    ("discount_idr", sa.Integer(), "0"),
    ("voucher_code", sa.String(length=40), ""),
    ("discount_account", sa.String(length=40), ""),
    ("is_gift", sa.Boolean(), "0"),
    ("gift_message", sa.String(length=200), ""),
    ("gift_recipient_name", sa.String(length=120), ""),
    ("gift_recipient_phone", sa.String(length=20), ""),
)


def upgrade():
    op.create_table(
        "sponsor_campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("budget_idr", sa.Integer(), nullable=False),
        sa.Column("committed_idr", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("budget_idr > 0", name=op.f("ck_sponsor_campaign_budget_positive")),
        sa.CheckConstraint(
            "committed_idr >= 0", name=op.f("ck_sponsor_campaign_committed_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsor_campaign")),
    )
    op.create_table(
        "voucher",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("amount_idr", sa.Integer(), nullable=False),
        sa.Column("min_order_idr", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("per_buyer_limit", sa.Integer(), nullable=True),
        sa.Column("used_count", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("maker_id", sa.Integer(), nullable=True),
        sa.Column("funded_by", sa.String(length=10), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("used_count >= 0", name=op.f("ck_voucher_used_not_negative")),
        sa.ForeignKeyConstraint(
            ["category_id"], ["category.id"], name=op.f("fk_voucher_category_id_category")
        ),
        sa.ForeignKeyConstraint(["maker_id"], ["maker.id"], name=op.f("fk_voucher_maker_id_maker")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["sponsor_campaign.id"],
            name=op.f("fk_voucher_campaign_id_sponsor_campaign"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voucher")),
        sa.UniqueConstraint("code", name=op.f("uq_voucher_code")),
    )
    op.create_table(
        "voucher_redemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voucher_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("discount_idr", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["voucher_id"], ["voucher.id"], name=op.f("fk_voucher_redemption_voucher_id_voucher")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_voucher_redemption_order_id_shop_order")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_voucher_redemption_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voucher_redemption")),
        sa.UniqueConstraint("order_id", name=op.f("uq_voucher_redemption_order_id")),
    )
    with op.batch_alter_table("voucher_redemption") as batch_op:
        batch_op.create_index(batch_op.f("ix_voucher_redemption_voucher_id"), ["voucher_id"])
        batch_op.create_index(batch_op.f("ix_voucher_redemption_email"), ["email"])
    op.create_table(
        "currency_rate",
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("idr_per_unit", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("idr_per_unit > 0", name=op.f("ck_currency_rate_rate_positive")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_currency_rate")),
    )
    with op.batch_alter_table("shop_order") as batch_op:
        for name, type_, default in ORDER_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, server_default=default, nullable=False))
        batch_op.drop_constraint(op.f("ck_shop_order_total_adds_up"), type_="check")
        batch_op.create_check_constraint(
            "total_with_discount", "total_idr = subtotal_idr + shipping_idr - discount_idr"
        )
        batch_op.create_check_constraint(
            "discount_fits", "discount_idr >= 0 AND discount_idr <= subtotal_idr"
        )
    with op.batch_alter_table("maker") as batch_op:
        batch_op.add_column(sa.Column("weekly_capacity", sa.Integer(), nullable=True))
    op.create_table(
        "product_variant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("size", sa.String(length=20), nullable=False),
        sa.Column("price_delta_idr", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("stock >= 0", name=op.f("ck_product_variant_stock_not_negative")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_variant_product_id_product")
        ),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["product_photo.id"],
            name=op.f("fk_product_variant_photo_id_product_photo"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_variant")),
    )
    with op.batch_alter_table("product_variant") as batch_op:
        batch_op.create_index(batch_op.f("ix_product_variant_product_id"), ["product_id"])
    with op.batch_alter_table("cart_line") as batch_op:
        batch_op.add_column(sa.Column("variant_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_cart_line_variant_id_product_variant"),
            "product_variant",
            ["variant_id"],
            ["id"],
        )
        batch_op.drop_constraint("one_line_per_product", type_="unique")
        batch_op.create_unique_constraint(
            "one_line_per_variant", ["cart_id", "product_id", "variant_id"]
        )
    with op.batch_alter_table("order_line") as batch_op:
        batch_op.add_column(sa.Column("ready_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("made_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("variant_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("variant_label", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.create_foreign_key(
            op.f("fk_order_line_variant_id_product_variant"),
            "product_variant",
            ["variant_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("order_line") as batch_op:
        batch_op.drop_constraint(op.f("fk_order_line_variant_id_product_variant"), type_="foreignkey")
        batch_op.drop_column("variant_label")
        batch_op.drop_column("variant_id")
        batch_op.drop_column("made_at")
        batch_op.drop_column("ready_on")
    with op.batch_alter_table("cart_line") as batch_op:
        batch_op.drop_constraint("one_line_per_variant", type_="unique")
        batch_op.create_unique_constraint("one_line_per_product", ["cart_id", "product_id"])
        batch_op.drop_constraint(op.f("fk_cart_line_variant_id_product_variant"), type_="foreignkey")
        batch_op.drop_column("variant_id")
    with op.batch_alter_table("product_variant") as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_variant_product_id"))
    op.drop_table("product_variant")
    with op.batch_alter_table("maker") as batch_op:
        batch_op.drop_column("weekly_capacity")
    with op.batch_alter_table("shop_order") as batch_op:
        batch_op.drop_constraint(op.f("ck_shop_order_discount_fits"), type_="check")
        batch_op.drop_constraint(op.f("ck_shop_order_total_with_discount"), type_="check")
        batch_op.create_check_constraint("total_adds_up", "total_idr = subtotal_idr + shipping_idr")
        for name, _type, _default in reversed(ORDER_COLUMNS):
            batch_op.drop_column(name)
    op.drop_table("currency_rate")
    with op.batch_alter_table("voucher_redemption") as batch_op:
        batch_op.drop_index(batch_op.f("ix_voucher_redemption_email"))
        batch_op.drop_index(batch_op.f("ix_voucher_redemption_voucher_id"))
    op.drop_table("voucher_redemption")
    op.drop_table("voucher")
    op.drop_table("sponsor_campaign")
