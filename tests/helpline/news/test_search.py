"""Searching the sheets: FTS5 on SQLite, full-text search on PostgreSQL, the same
answers; what a person types is never query syntax."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from helpline import migrations
from helpline.db import make_engine
from helpline.models import NewsArticle
from helpline.models._common import utcnow
from helpline.news import import_sheets, search_sheets, upsert_article
from tests.helpline.news.conftest import write_sheet


def _fill(db, sheets_dir) -> None:
    write_sheet(sheets_dir, "fr", "signaler-un-compte", title="Signaler un compte",
                summary="Faire fermer un faux profil", body="Le formulaire de la plateforme.")
    write_sheet(sheets_dir, "fr", "harcelement-ecole", title="Harcèlement à l'école",
                category="school", topics=("school",), body="Parle à un adulte du collège.")
    import_sheets(db, sheets_dir)
    # An article (not a sheet) and a sheet not yet published never come up.
    upsert_article(db, locale="fr", slug="actu", title="Chantage : une actu",
                   summary="chantage", body_md="chantage", kind="article")
    later = upsert_article(db, locale="fr", slug="bientot", title="Chantage demain",
                           summary="chantage", body_md="chantage", kind="sheet")
    later.published_at = utcnow() + timedelta(days=1)
    db.add(later)
    db.commit()


def _check(db) -> None:
    assert [a.slug for a in search_sheets(db, "fr", "chantage")] == ["on-me-fait-du-chantage"]
    assert [a.slug for a in search_sheets(db, "fr", "CHANT")] == ["on-me-fait-du-chantage"]
    # Accents and case do not matter; every word must be there.
    assert [a.slug for a in search_sheets(db, "fr", "harcelement ecole")] == [
        "harcelement-ecole"]
    assert search_sheets(db, "fr", "harcelement chantage") == []
    assert [a.slug for a in search_sheets(db, "fr", "profil")] == ["signaler-un-compte"]
    assert [a.slug for a in search_sheets(db, "en", "blackmail")] == [
        "someone-is-blackmailing-me"]
    assert search_sheets(db, "en", "chantage") == []
    for hostile in ('"', "chantage OR *", "NEAR(a b)", "x:*", "') OR 1=1 --", "!&|():*",
                    "title:chantage", ""):
        search_sheets(db, "fr", hostile)  # answers (maybe nothing), never an error


def test_sqlite_full_text_search(db, sheets_dir) -> None:
    _fill(db, sheets_dir)
    _check(db)


def test_the_sqlite_index_follows_edits_and_deletions(db, sheets_dir) -> None:
    _fill(db, sheets_dir)
    sheet = db.get(NewsArticle, search_sheets(db, "fr", "profil")[0].id)
    sheet.summary = "Faire fermer un compte usurpé"
    db.add(sheet)
    db.commit()
    assert search_sheets(db, "fr", "profil") == []
    assert search_sheets(db, "fr", "usurpe")[0].slug == "signaler-un-compte"
    db.delete(sheet)
    db.commit()
    assert search_sheets(db, "fr", "usurpe") == []


@pytest.fixture
def pg_db(postgres_url: str, data_dir) -> Iterator[Session]:
    migrations.upgrade(postgres_url)
    engine = make_engine(postgres_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


@pytest.mark.postgres
def test_postgres_full_text_search(pg_db, sheets_dir) -> None:
    _fill(pg_db, sheets_dir)
    _check(pg_db)


@pytest.mark.postgres
def test_postgres_search_can_use_its_index(pg_db) -> None:
    """The query's document is the index's expression, word for word."""
    from sqlalchemy import text

    from helpline.news.search import PG_DOCUMENT

    pg_db.execute(text("SET enable_seqscan = off"))
    plan = "\n".join(row[0] for row in pg_db.execute(text(
        f"EXPLAIN SELECT id FROM news_article WHERE {PG_DOCUMENT} @@ "
        "to_tsquery('french', 'chantage:*')")))
    assert "ix_news_article_search" in plan
