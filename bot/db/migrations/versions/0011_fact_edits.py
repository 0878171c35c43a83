"""fact edits: versioned overrides of centre, programme and FAQ facts (issue 22)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 12:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'fact_edits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('source_url', sa.String(length=500), nullable=False),
        sa.Column('stand', sa.Date(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('author_email', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('reverted_at', sa.DateTime(), nullable=True),
        sa.Column('reverted_by_id', sa.Integer(), nullable=True),
        sa.Column('reverted_by_email', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['author_id'], ['advisors.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['reverted_by_id'], ['advisors.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_fact_edits_target', 'fact_edits', ['kind', 'key', 'field'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_fact_edits_target', table_name='fact_edits')
    op.drop_table('fact_edits')
