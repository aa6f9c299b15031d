"""indexes for every list's sort and filter at scale (10k products, 1k makers, 100k orders)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 11:45:00

"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# (name, table, columns): kept in sync with the Index() declarations beside the models.
INDEXES = [
    # /admin/orders/ newest first, keyset-paginated on (created_at, id)
    ("ix_shop_order_created_id", "shop_order", ["created_at", "id"]),
    # ended reservations, oldest first (every stock page asks)
    ("ix_shop_order_status_reserved", "shop_order", ["status", "reserved_until"]),
    # the home page's featured products, the catalog's sorts, a maker's products and counts
    ("ix_product_status_featured", "product", ["status", "is_featured", "published_at"]),
    ("ix_product_status_price", "product", ["status", "price_idr"]),
    ("ix_product_maker_status", "product", ["maker_id", "status", "published_at"]),
    # payouts by maker (her history, her last payout) and the keyset-paginated history
    ("ix_payout_maker_paid", "payout", ["maker_id", "paid_on", "id"]),
    ("ix_payout_paid_id", "payout", ["paid_on", "id"]),
    # a maker's order lines (admin filter, her items to fulfil)
    ("ix_order_line_maker_order", "order_line", ["maker_id", "order_id"]),
    # ledger postings of a kind in a period (impact, reports)
    ("ix_ledger_transaction_kind_created", "ledger_transaction", ["kind", "created_at"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
