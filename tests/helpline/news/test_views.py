"""The young person's « Infos »: entry points to sheets by topic, then articles and
approved links newest first, by category, a page at a time, new since the last visit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpline.models import NewsFeed, NewsFeedItem, Victim
from helpline.news import PAGE_SIZE, article_view, import_sheets, upsert_article, victim_feed
from tests import factories
from tests.helpline.news.conftest import write_sheet

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _article(db, n: int, *, category: str = "safety", at: datetime = T0) -> None:
    row = upsert_article(db, locale="fr", slug=f"a-{n}", title=f"Article {n}", summary="s",
                         body_md="b", category=category)
    row.published_at = at + timedelta(minutes=n)
    db.add(row)


def test_the_feed_is_newest_first_and_paginated(db) -> None:
    reader = factories.victim(db)
    for n in range(PAGE_SIZE + 3):
        _article(db, n)
    first = victim_feed(db, reader, "fr", now=T0 + timedelta(days=1))
    assert [c.title for c in first.cards[:2]] == [f"Article {PAGE_SIZE + 2}",
                                                  f"Article {PAGE_SIZE + 1}"]
    assert (len(first.cards), first.page, first.pages) == (PAGE_SIZE, 1, 2)
    second = victim_feed(db, reader, "fr", page=2, since=first.since,
                         now=T0 + timedelta(days=1))
    assert [c.title for c in second.cards] == ["Article 2", "Article 1", "Article 0"]
    assert victim_feed(db, reader, "fr", page=99, since=first.since).page == 2


def test_approved_links_mix_in_by_date_and_categories_filter(db) -> None:
    reader = factories.victim(db)
    _article(db, 1, category="rights")
    _article(db, 3, category="school")
    feed = NewsFeed(url="https://partner.example/f", title="Partenaire", locale="fr")
    db.add(feed)
    db.flush()
    for n, approved in ((2, True), (4, False)):
        db.add(NewsFeedItem(feed_id=feed.id, key=str(n), title=f"Lien {n}", link="https://p.example/",
                            published_at=T0 + timedelta(minutes=n),
                            approved_at=T0 if approved else None))
    everything = victim_feed(db, reader, "fr", now=T0 + timedelta(days=1))
    assert [c.title for c in everything.cards] == ["Article 3", "Lien 2", "Article 1"]
    assert everything.cards[1].kind == "link" and everything.cards[1].source == "Partenaire"
    school = victim_feed(db, reader, "fr", category="school", since=everything.since)
    assert [c.title for c in school.cards] == ["Article 3"]
    assert victim_feed(db, reader, "fr", category="bogus", since=T0).category == ""


def test_what_is_new_since_the_last_visit_is_marked_and_the_visit_moves(db) -> None:
    reader = factories.victim(db)
    _article(db, 1)
    first = victim_feed(db, reader, "fr", now=T0 + timedelta(hours=1))
    assert first.new_count == 0 and not any(c.new for c in first.cards)  # a first visit
    assert db.get(Victim, reader.victim_id).news_seen_at is not None
    _article(db, 200)  # published after that visit
    second = victim_feed(db, reader, "fr", now=T0 + timedelta(hours=5))
    assert second.new_count == 1
    assert [c.title for c in second.cards if c.new] == ["Article 200"]
    third = victim_feed(db, reader, "fr", now=T0 + timedelta(hours=6))
    assert third.new_count == 0


def test_an_entry_point_leads_to_its_sheets_most_relevant_first(db, sheets_dir) -> None:
    write_sheet(sheets_dir, "fr", "preuves", title="Garder des preuves",
                topics=("evidence", "blackmail"))
    import_sheets(db, sheets_dir)
    reader = factories.victim(db)
    view = victim_feed(db, reader, "fr", topic="blackmail")
    assert [s.slug for s in view.sheets] == ["on-me-fait-du-chantage", "preuves"]
    assert victim_feed(db, reader, "fr", topic="nope", since=T0).sheets == []
    # Pinned by topic above, and in the stream too, where their category finds them.
    assert {c.slug for c in view.cards if c.kind == "sheet"} >= {"on-me-fait-du-chantage",
                                                                 "preuves"}


def test_an_article_page_names_its_pair_in_the_other_language(db, sheets_dir) -> None:
    import_sheets(db, sheets_dir)
    shown = article_view(db, "fr", "on-me-fait-du-chantage")
    assert shown.pair_slug == "someone-is-blackmailing-me"
    assert shown.article.sources[0]["url"] == "https://e-enfance.org/"
    assert article_view(db, "fr", "nothing-here") is None
