"""Searching the practical sheets: SQLite's FTS5 by default, PostgreSQL's full-text
search at scale. Both indexes are made by the migration (``f7e8d9c00001``) and kept by the
database itself (triggers on SQLite, an expression index on PostgreSQL), so every writer
of ``news_article`` keeps them right.

What a person types is never query syntax: only its words are kept, each matched as a
prefix, all of them required.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.models import NewsArticle
from helpline.models._common import utcnow
from helpline.news.articles import ArticlePublic, public

# Tables and indexes the models do not declare (alembic's comparisons leave them alone).
SEARCH_OBJECTS = ("news_search", "ix_news_article_search")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORDS = 8
# The text searched, without accents (translate is immutable, unlike unaccent, and needs
# no extension), in its language's dictionary: the same expression as the index's.
ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ"
UNACCENTED = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY"
PG_DOCUMENT = ("to_tsvector(CASE WHEN locale = 'fr' THEN 'french'::regconfig "
               "ELSE 'english'::regconfig END, "
               f"translate(title || ' ' || summary || ' ' || body_md, '{ACCENTED}', "
               f"'{UNACCENTED}'))")


def is_search_object(name: str | None) -> bool:
    return bool(name) and any(name.startswith(prefix) for prefix in SEARCH_OBJECTS)


def words(query: str) -> list[str]:
    """The query's words, lower case and without accents (as both indexes keep them)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", query or "")
                    if not unicodedata.combining(c))
    return [w.lower() for w in _WORD.findall(plain)][:MAX_WORDS]


def _sqlite_ids(db: DbSession, found: list[str], locale: str, now: datetime,
                limit: int) -> list[int]:
    match = " ".join(f'"{w}"*' for w in found)  # letters and digits only: no syntax
    rows = db.execute(text(
        "SELECT a.id FROM news_search s JOIN news_article a ON a.id = s.rowid "
        "WHERE news_search MATCH :match AND a.kind = 'sheet' AND a.locale = :locale "
        "AND a.published_at IS NOT NULL AND a.published_at <= :now "
        "ORDER BY bm25(news_search, 5.0, 2.0, 1.0) LIMIT :limit"),
        {"match": match, "locale": locale, "limit": limit,
         "now": now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")})
    return [row[0] for row in rows]


def _postgres_ids(db: DbSession, found: list[str], locale: str, now: datetime,
                  limit: int) -> list[int]:
    config = "french" if locale == "fr" else "english"
    query = " & ".join(f"{w}:*" for w in found)
    rows = db.execute(text(
        f"SELECT id FROM news_article WHERE {PG_DOCUMENT} @@ to_tsquery("  # noqa: S608
        "CAST(:config AS regconfig), :query) AND kind = 'sheet' AND locale = :locale "
        "AND published_at IS NOT NULL AND published_at <= :now "
        f"ORDER BY ts_rank({PG_DOCUMENT}, to_tsquery(CAST(:config AS regconfig), :query)) "
        "DESC, id LIMIT :limit"),
        {"config": config, "query": query, "locale": locale, "now": now, "limit": limit})
    return [row[0] for row in rows]


def search_sheets(db: DbSession, locale: str, query: str, *, limit: int = 20,
                  now: datetime | None = None) -> list[ArticlePublic]:
    """The published sheets of ``locale`` that hold every word of ``query``, best first."""
    found, now = words(query), now or utcnow()
    if not found:
        return []
    engine = _postgres_ids if db.get_bind().dialect.name == "postgresql" else _sqlite_ids
    ids = engine(db, found, locale, now, limit)
    rows = {row.id: row for row in db.exec(select(NewsArticle).where(NewsArticle.id.in_(ids)))}
    return [public(rows[i], now) for i in ids if i in rows]
