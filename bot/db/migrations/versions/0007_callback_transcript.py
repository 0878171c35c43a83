"""callbacks keep the conversation that led to them (for the advisor's detail page)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('transcript', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.drop_column('transcript')
