"""reserved: a placeholder in the chain, filled in by the work that owns this number

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 11:45:00

"""

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
