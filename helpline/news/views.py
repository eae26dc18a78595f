"""What a young person's « Infos » page shows: the big entry points that lead to the
sheets of a topic, then the helpline's articles and the partners' approved links, newest
first, by category, a page at a time, those newer than the last visit marked « nouveau ».

The last visit is one date on the (silent) victim row, moved on each visit; nothing says
what was read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline.identity.victims import VictimPrincipal
from helpline.models import NewsArticle, NewsFeed, NewsFeedItem, Victim
from helpline.models._common import aware, utcnow
from helpline.news.articles import CATEGORIES, TOPICS, ArticlePublic, published_article

PAGE_SIZE = 10
# The entry points, in the order shown: each opens the sheets of its topic.
ENTRY_POINTS = (("report", "report_account"), ("blackmail", "blackmail"),
                ("intimate", "intimate_images"), ("fake", "fake_account"),
                ("insults", "insults"), ("threats", "threats"), ("school", "school"),
                ("evidence", "evidence"), ("talk", "talk"))
LINK_CATEGORY = "news"  # partners' links sit with the news


class Card(SQLModel):
    kind: str  # article, sheet, link
    slug: str  # articles and sheets
    link: str  # links out
    title: str
    summary: str
    category: str
    source: str  # a link's feed
    published_at: datetime | None
    new: bool = False


class FeedView(SQLModel):
    topic: str
    sheets: list[Card]  # the topic's sheets, most relevant first
    category: str
    cards: list[Card]
    page: int
    pages: int
    new_count: int
    since: datetime | None  # the visit before this one


class ArticleView(SQLModel):
    article: ArticlePublic
    pair_slug: str  # the same sheet in the other language, when it is published


def _card(row, since: datetime | None) -> Card:
    """A card of an article or sheet (a row or the card columns of one)."""
    when = aware(row.published_at) if row.published_at else None
    return Card(kind=row.kind, slug=row.slug, link="", title=row.title, summary=row.summary,
                category=row.category, source="", published_at=when,
                new=bool(since and when and when > since))


# What a card shows: the body is read only by the article's page.
CARD_COLUMNS = (NewsArticle.kind, NewsArticle.slug, NewsArticle.title, NewsArticle.summary,
                NewsArticle.category, NewsArticle.published_at)


def _link_card(item: NewsFeedItem, source: str, since: datetime | None) -> Card:
    when = aware(item.published_at) if item.published_at else None
    return Card(kind="link", slug="", link=item.link, title=item.title, summary=item.summary,
                category=LINK_CATEGORY, source=source, published_at=when,
                new=bool(since and when and when > since))


def topic_sheets(db: DbSession, locale: str, topic: str, *,
                 now: datetime | None = None) -> list[NewsArticle]:
    """The published sheets of a topic: those whose first topic it is come first."""
    if topic not in TOPICS:
        return []
    now = now or utcnow()
    rows = db.exec(select(NewsArticle).where(
        NewsArticle.locale == locale, NewsArticle.kind == "sheet",
        NewsArticle.published_at.is_not(None), NewsArticle.published_at <= now)).all()
    matching = [r for r in rows if topic in (r.topics or [])]
    return sorted(matching, key=lambda r: (r.topics.index(topic), len(r.topics), r.title))


def _stream(db: DbSession, locale: str, category: str, page: int, now: datetime,
            since: datetime | None) -> tuple[list[Card], int, int, int]:
    """One page of the articles, sheets and approved links, newest first; the number of
    pages and of cards newer than ``since``. Each source is read only as far as the page
    needs. (Sheets are also pinned above, by topic: here they are in the stream too, so a
    category shows everything written about it.)"""
    shown = [NewsArticle.locale == locale, col(NewsArticle.kind).in_(("article", "sheet")),
             NewsArticle.published_at.is_not(None), NewsArticle.published_at <= now]
    if category:
        shown.append(NewsArticle.category == category)
    approved = [NewsFeed.locale == locale, NewsFeedItem.approved_at.is_not(None)]
    with_links = category in ("", LINK_CATEGORY)

    def count(*more) -> int:
        return db.exec(select(func.count()).select_from(NewsArticle).where(*shown, *more)).one()

    def count_links(*more) -> int:
        return db.exec(select(func.count()).select_from(NewsFeedItem).join(NewsFeed)
                       .where(*approved, *more)).one() if with_links else 0

    total = count() + count_links()
    fresh = (count(NewsArticle.published_at > since)
             + count_links(NewsFeedItem.published_at > since)) if since is not None else 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    upto = page * PAGE_SIZE
    cards = [_card(r, since) for r in db.exec(select(*CARD_COLUMNS).where(*shown).order_by(
        NewsArticle.published_at.desc(), NewsArticle.id.desc()).limit(upto))]
    if with_links:
        cards += [_link_card(item, source, since) for item, source in db.exec(
            select(NewsFeedItem, NewsFeed.title).join(NewsFeed).where(*approved).order_by(
                NewsFeedItem.published_at.desc(), NewsFeedItem.id.desc()).limit(upto))]
        cards.sort(key=lambda c: c.published_at or now, reverse=True)
    return cards[upto - PAGE_SIZE:upto], page, pages, fresh


def victim_feed(db: DbSession, victim: VictimPrincipal, locale: str, *, topic: str = "",
                category: str = "", page: int = 1, since: datetime | None = None,
                now: datetime | None = None) -> FeedView:
    """The page for this visit. Without ``since`` it is a new visit: the last one's date
    is read (and returned, for the next pages of this visit) and the row moves to now."""
    now = now or utcnow()
    topic = topic if topic in TOPICS else ""
    category = category if category in CATEGORIES else ""
    if since is None:
        row = db.get(Victim, victim.victim_id)
        since = aware(row.news_seen_at) if row is not None and row.news_seen_at else None
        if row is not None:
            row.news_seen_at = now
            db.add(row)
    cards, page, pages, fresh = _stream(db, locale, category, page, now, since)
    return FeedView(topic=topic, sheets=[_card(r, None) for r in topic_sheets(
        db, locale, topic, now=now)], category=category, cards=cards, page=page,
        pages=pages, new_count=fresh, since=since)


def article_view(db: DbSession, locale: str, slug: str,
                 now: datetime | None = None) -> ArticleView | None:
    """A published article or sheet, and its other-language pair if it is published."""
    article = published_article(db, locale, slug, now)
    if article is None:
        return None
    other = "en" if locale == "fr" else "fr"
    pair = published_article(db, other, article.pair, now) if article.pair else None
    return ArticleView(article=article, pair_slug=pair.slug if pair else "")
