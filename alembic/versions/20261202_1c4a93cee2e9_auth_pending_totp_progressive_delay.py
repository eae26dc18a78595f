"""auth: pending TOTP secret apart from the current one; progressive delay on limiter rows

Staff lockout moves from the staff_user row to keyed limiter rows (per account, per
address), so failed_logins and locked_until go.

Revision ID: 1c4a93cee2e9
Revises: 7d3e5c1a9b20
Create Date: 2026-11-29 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '1c4a93cee2e9'
down_revision: str | None = '7d3e5c1a9b20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rate_limit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_before', sa.DateTime(timezone=True), nullable=True))

    # An enrolment begun before this revision left an unconfirmed secret in the current
    # slot; it was never in force, so it goes (the person simply starts again).
    op.execute("UPDATE staff_user SET totp_secret_enc = NULL WHERE totp_confirmed_at IS NULL")
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_pending_enc', sa.LargeBinary(), nullable=True))
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def downgrade() -> None:
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_column('totp_pending_enc')

    with op.batch_alter_table('rate_limit', schema=None) as batch_op:
        batch_op.drop_column('not_before')
