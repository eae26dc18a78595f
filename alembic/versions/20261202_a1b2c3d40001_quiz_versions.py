"""quiz versions and results shown to a counsellor

The quiz becomes one versioned document per version (questions, choices, forms and
result texts in every language); the unused per-locale question, choice and outcome
tables go. A result now names its version and conversation and keeps only what it
points to, sealed; the answers are never stored.

Revision ID: a1b2c3d40001
Revises: f7e8d9c00001
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'a1b2c3d40001'
down_revision: str | None = 'f7e8d9c00001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('quiz_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_choice_question_id'))
    op.drop_table('quiz_choice')
    op.drop_table('quiz_question')
    op.drop_table('quiz_outcome')
    with op.batch_alter_table('quiz_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_result_victim_id'))
    op.drop_table('quiz_result')

    op.create_table(
        'quiz_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('status', _str(length=12), nullable=False),
        sa.Column('document', sa.JSON(), nullable=False),
        sa.Column('created_by_staff_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['created_by_staff_id'], ['staff_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('quiz_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_version_status'), ['status'], unique=False)
    op.create_table(
        'quiz_result',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('victim_id', _str(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('conversation_id', _str(), nullable=True),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('summary_enc', sa.LargeBinary(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['victim_id'], ['victim.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['version_id'], ['quiz_version.id']),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversation.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('quiz_result', schema=None) as batch_op:
        for column in ('victim_id', 'version_id', 'conversation_id'):
            batch_op.create_index(batch_op.f(f'ix_quiz_result_{column}'), [column],
                                  unique=False)


def downgrade() -> None:
    with op.batch_alter_table('quiz_result', schema=None) as batch_op:
        for column in ('victim_id', 'version_id', 'conversation_id'):
            batch_op.drop_index(batch_op.f(f'ix_quiz_result_{column}'))
    op.drop_table('quiz_result')
    with op.batch_alter_table('quiz_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_version_status'))
    op.drop_table('quiz_version')

    op.create_table(
        'quiz_outcome',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('locale', _str(length=5), nullable=False),
        sa.Column('min_score', sa.Integer(), nullable=False),
        sa.Column('title', _str(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'quiz_question',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('locale', _str(length=5), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', _str(length=500), nullable=False),
        sa.Column('help_text', _str(length=1000), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('locale', 'position'),
    )
    op.create_table(
        'quiz_choice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', _str(length=200), nullable=False),
        sa.Column('weight', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['question_id'], ['quiz_question.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('quiz_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_choice_question_id'), ['question_id'],
                              unique=False)
    op.create_table(
        'quiz_result',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('victim_id', _str(), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['victim_id'], ['victim.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('quiz_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_result_victim_id'), ['victim_id'],
                              unique=False)
