"""options of a live listing that change its price wait for review (placeholder until filled)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 15:10:00

"""

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
