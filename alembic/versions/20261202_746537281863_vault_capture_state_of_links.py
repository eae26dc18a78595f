"""vault capture state of links

Revision ID: 746537281863
Revises: 1ba269212de8
Create Date: 2026-12-02 05:40:11.626387
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = '746537281863'
down_revision: str | None = '1ba269212de8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'vault_capture',
        sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('victim_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('job_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('details_enc', sa.LargeBinary(), nullable=True),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['item_id'], ['vault_item.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('item_id'),
    )
    op.create_index(op.f('ix_vault_capture_victim_id'), 'vault_capture', ['victim_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_vault_capture_victim_id'), table_name='vault_capture')
    op.drop_table('vault_capture')
