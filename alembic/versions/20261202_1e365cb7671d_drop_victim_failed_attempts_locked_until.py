"""victim: drop failed_attempts and locked_until, never used

The lock screen's wrong PINs are counted by the keyed limiter rows (helpline.ratelimit),
as staff sign-ins are since 1c4a93cee2e9: nothing reads or writes these two columns.

Revision ID: 1e365cb7671d
Revises: cf12228b377d
Create Date: 2026-12-02 12:00:00.000000

No batch (copy-and-rename) operations, as in cf12228b377d: on SQLite, with foreign keys
on, dropping the old victim table would cascade-delete every conversation pointing at
it. Plain columns drop without a copy (SQLite >= 3.35).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '1e365cb7671d'
down_revision: str | None = 'cf12228b377d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_column('victim', 'locked_until')
    op.drop_column('victim', 'failed_attempts')


def downgrade() -> None:
    op.add_column('victim', sa.Column('failed_attempts', sa.Integer(), nullable=False,
                                      server_default='0'))
    op.add_column('victim', sa.Column('locked_until', sa.DateTime(timezone=True),
                                      nullable=True))
