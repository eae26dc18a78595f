"""sessions: the device each one is on, and a notice when another joins

Revision ID: 7d3e5c1a9b20
Revises: 2c0b3b07c89b
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '7d3e5c1a9b20'
down_revision: str | None = '2c0b3b07c89b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_enc', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('device_joined_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_column('device_joined_at')
        batch_op.drop_column('device_enc')
