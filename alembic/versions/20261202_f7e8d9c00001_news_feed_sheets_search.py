"""news: sheets, Markdown, images, partner feeds, search, the victim's last visit

Revision ID: f7e8d9c00001
Revises: e14a0c0e0001
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = 'f7e8d9c00001'
down_revision: str | None = 'e14a0c0e0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_S = sqlmodel.sql.sqltypes.AutoString
# The search index is the database's own (helpline.news.search); on SQLite an external
# content FTS5 table kept by triggers. A later batch migration of news_article on SQLite
# drops these triggers: it must make them again.
_SQLITE_UP = [
    "CREATE VIRTUAL TABLE news_search USING fts5(title, summary, body_md, "
    "content='news_article', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER news_search_ai AFTER INSERT ON news_article BEGIN "
    "INSERT INTO news_search(rowid, title, summary, body_md) "
    "VALUES (new.id, new.title, new.summary, new.body_md); END",
    "CREATE TRIGGER news_search_ad AFTER DELETE ON news_article BEGIN "
    "INSERT INTO news_search(news_search, rowid, title, summary, body_md) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body_md); END",
    "CREATE TRIGGER news_search_au AFTER UPDATE ON news_article BEGIN "
    "INSERT INTO news_search(news_search, rowid, title, summary, body_md) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body_md); "
    "INSERT INTO news_search(rowid, title, summary, body_md) "
    "VALUES (new.id, new.title, new.summary, new.body_md); END",
    "INSERT INTO news_search(news_search) VALUES ('rebuild')",
]
_SQLITE_DOWN = ["DROP TRIGGER IF EXISTS news_search_au", "DROP TRIGGER IF EXISTS news_search_ad",
                "DROP TRIGGER IF EXISTS news_search_ai", "DROP TABLE IF EXISTS news_search"]
_PG_UP = ("CREATE INDEX ix_news_article_search ON news_article USING gin ("
          "to_tsvector(CASE WHEN locale = 'fr' THEN 'french'::regconfig "
          "ELSE 'english'::regconfig END, translate(title || ' ' || summary || ' ' || body_md, "
          "'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ', "
          "'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY')))")


def upgrade() -> None:
    op.create_table(
        'news_image',
        sa.Column('id', _S(length=32), nullable=False),
        sa.Column('content_type', _S(length=32), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('news_article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', _S(length=16), nullable=False,
                                      server_default='article'))
        batch_op.add_column(sa.Column('category', _S(length=32), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('topics', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('pair', _S(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sources', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('body_md', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('image_id', _S(length=32), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key('fk_news_article_image_id', 'news_image', ['image_id'],
                                    ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_news_article_listing', ['locale', 'kind', 'published_at'])
    op.create_table(
        'news_feed',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('url', _S(length=2000), nullable=False),
        sa.Column('title', _S(length=200), nullable=False),
        sa.Column('locale', _S(length=5), nullable=False),
        sa.Column('etag', _S(length=500), nullable=False),
        sa.Column('last_modified', _S(length=100), nullable=False),
        sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_status', sa.Integer(), nullable=False),
        sa.Column('last_code', _S(length=32), nullable=False),
        sa.Column('added_by', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['added_by'], ['staff_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('url'),
    )
    op.create_table(
        'news_feed_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('feed_id', sa.Integer(), nullable=False),
        sa.Column('key', _S(length=64), nullable=False),
        sa.Column('title', _S(length=200), nullable=False),
        sa.Column('summary', _S(length=500), nullable=False),
        sa.Column('link', _S(length=2000), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('approved_by', sa.Integer(), nullable=True),
        sa.Column('rejected_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['approved_by'], ['staff_user.id']),
        sa.ForeignKeyConstraint(['feed_id'], ['news_feed.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('feed_id', 'key'),
    )
    op.create_index(op.f('ix_news_feed_item_feed_id'), 'news_feed_item', ['feed_id'])
    op.create_index(op.f('ix_news_feed_item_approved_at'), 'news_feed_item', ['approved_at'])
    with op.batch_alter_table('victim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('news_seen_at', sa.DateTime(timezone=True),
                                      nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        for statement in _SQLITE_UP:
            op.execute(statement)
    else:
        op.execute(_PG_UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_news_article_search")
    with op.batch_alter_table('victim', schema=None) as batch_op:
        batch_op.drop_column('news_seen_at')
    op.drop_index(op.f('ix_news_feed_item_approved_at'), table_name='news_feed_item')
    op.drop_index(op.f('ix_news_feed_item_feed_id'), table_name='news_feed_item')
    op.drop_table('news_feed_item')
    op.drop_table('news_feed')
    with op.batch_alter_table('news_article', schema=None) as batch_op:
        batch_op.drop_index('ix_news_article_listing')
        batch_op.drop_constraint('fk_news_article_image_id', type_='foreignkey')
        for column in ('updated_at', 'image_id', 'body_md', 'sources', 'pair', 'topics',
                       'category', 'kind'):
            batch_op.drop_column(column)
    op.drop_table('news_image')
