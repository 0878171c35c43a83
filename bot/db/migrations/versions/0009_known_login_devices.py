"""login throttle: browsers in which an advisor signed in before stay known (advisor/throttle.py)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('known_until', sa.DateTime(), nullable=True))
    # The old per-account counters locked an account from everywhere; the new ones are per address.
    op.execute("DELETE FROM login_throttle WHERE key LIKE 'account:%'")


def downgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_column('known_until')
