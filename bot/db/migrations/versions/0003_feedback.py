"""answer feedback from the web widget

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('answer_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sender_hash', sa.String(length=64), nullable=False),
    sa.Column('message_index', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=4), nullable=False),
    sa.Column('rated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sender_hash', 'message_index', name='uq_feedback_answer')
    )
    with op.batch_alter_table('answer_feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_rated_at', ['rated_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_rated_at')
    op.drop_table('answer_feedback')
