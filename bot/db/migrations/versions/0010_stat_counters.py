"""dashboard aggregates: weekly counters and k-anonymous not-understood messages (issue 22)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stat_counters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('week', sa.String(length=8), nullable=False),
        sa.Column('region', sa.String(length=64), nullable=False),
        sa.Column('centre', sa.String(length=64), nullable=False),
        sa.Column('metric', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('week', 'region', 'centre', 'metric', 'key', name='uq_stat_counter'),
    )
    op.create_table(
        'stat_not_understood',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('week', sa.String(length=8), nullable=False),
        sa.Column('region', sa.String(length=64), nullable=False),
        sa.Column('message', sa.String(length=200), nullable=False),
        sa.Column('conversation_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint(
            'week', 'region', 'message', 'conversation_hash', name='uq_stat_not_understood'
        ),
    )


def downgrade() -> None:
    op.drop_table('stat_not_understood')
    op.drop_table('stat_counters')
