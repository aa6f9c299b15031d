"""issue 15 leftovers (placeholder until filled)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 15:00:00

"""

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
