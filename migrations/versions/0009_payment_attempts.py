"""payment attempts and early refunds (placeholder, filled in by its change)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 08:45:00

"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
