"""conversation left quickly at

Revision ID: e14a0c0e0001
Revises: 746537281863
Create Date: 2026-12-02 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = 'e14a0c0e0001'
down_revision: str | None = '746537281863'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('conversation') as batch:
        batch.add_column(sa.Column('left_quickly_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index('ix_conversation_left_quickly_at', ['left_quickly_at'])


def downgrade() -> None:
    with op.batch_alter_table('conversation') as batch:
        batch.drop_index('ix_conversation_left_quickly_at')
        batch.drop_column('left_quickly_at')
