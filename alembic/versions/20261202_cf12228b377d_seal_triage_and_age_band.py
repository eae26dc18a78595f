"""seal conversation triage (topics, urgency, risk flags) and victim age band

Revision ID: cf12228b377d
Revises: 1c4a93cee2e9
Create Date: 2026-12-02 10:00:00.000000

Existing rows are sealed with the current key (ABRI_KEY_FILE), which is only loaded
when there are rows to convert; ``priority`` already holds the integer the queue sorts
on and is kept as it is. The downgrade opens them again, so it needs the same key.

No batch (copy-and-rename) operations: on SQLite, with foreign keys on, dropping the old
victim or conversation table would cascade-delete every row that points at it. Adding
and dropping these plain columns needs no copy (SQLite >= 3.35).
"""

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

from helpline.chat.triage import Triage, open_triage, seal_triage
from helpline.identity.victims import age_band_of, seal_age_band

revision: str = 'cf12228b377d'
down_revision: str | None = '1c4a93cee2e9'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500

conversation = sa.table(
    'conversation', sa.column('id', sa.String), sa.column('topics', sa.JSON),
    sa.column('urgency', sa.Integer), sa.column('risk_flags', sa.JSON),
    sa.column('triage_enc', sa.LargeBinary))
victim = sa.table('victim', sa.column('id', sa.String), sa.column('age_band', sa.String),
                  sa.column('age_band_enc', sa.LargeBinary))


def _rows(table: sa.TableClause, *columns: str) -> Iterator[list[sa.Row]]:
    """Every row, BATCH at a time in id order, so a large table is never all in memory."""
    bind, last = op.get_bind(), ''
    while rows := bind.execute(
            sa.select(table.c.id, *(table.c[c] for c in columns))
            .where(table.c.id > last).order_by(table.c.id).limit(BATCH)).all():
        yield rows
        last = rows[-1].id


def _write(table: sa.TableClause, values: list[dict]) -> None:
    if values:
        op.get_bind().execute(
            table.update().where(table.c.id == sa.bindparam('row_id')), values)


def upgrade() -> None:
    op.add_column('conversation', sa.Column('triage_enc', sa.LargeBinary(), nullable=True))
    op.add_column('victim', sa.Column('age_band_enc', sa.LargeBinary(), nullable=True))

    for rows in _rows(conversation, 'topics', 'urgency', 'risk_flags'):
        _write(conversation, [{'row_id': r.id, 'triage_enc': seal_triage(r.id, Triage(
            tuple(r.topics or ()), r.urgency or 0, tuple(r.risk_flags or ())))} for r in rows])
    for rows in _rows(victim, 'age_band'):
        _write(victim, [{'row_id': r.id, 'age_band_enc': seal_age_band(r.id, r.age_band)}
                        for r in rows if r.age_band])

    for column in ('topics', 'urgency', 'risk_flags'):
        op.drop_column('conversation', column)
    op.drop_column('victim', 'age_band')


def downgrade() -> None:
    op.add_column('victim', sa.Column('age_band', sa.String(length=16), nullable=True))
    for column, kind, empty in (('topics', sa.JSON(), '[]'), ('urgency', sa.Integer(), '0'),
                                ('risk_flags', sa.JSON(), '[]')):
        op.add_column('conversation', sa.Column(column, kind, server_default=empty,
                                                nullable=False))

    for rows in _rows(conversation, 'triage_enc'):
        told = [(r.id, open_triage(r.id, r.triage_enc)) for r in rows]
        _write(conversation, [{'row_id': i, 'topics': list(t.topics), 'urgency': t.urgency,
                               'risk_flags': list(t.flags)} for i, t in told])
    for rows in _rows(victim, 'age_band_enc'):
        _write(victim, [{'row_id': r.id, 'age_band': age_band_of(r.id, r.age_band_enc)}
                        for r in rows if r.age_band_enc is not None])

    op.drop_column('conversation', 'triage_enc')
    op.drop_column('victim', 'age_band_enc')
