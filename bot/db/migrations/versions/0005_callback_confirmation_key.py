"""one callback per confirmation (sender_id, consent_at)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 00:40:00
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.create_index('uq_callback_confirmation', ['sender_id', 'consent_at'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('callback_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_callback_confirmation')
