"""Partners' feeds (RSS or Atom): added by URL in « Contenus », imported on the job queue
through the SSRF-safe client, their entries waiting for a staff member's approval.

An import asks with the last ETag / Last-Modified (a 304 costs nothing), caps the time
and the size, and keeps an entry once (by its id, or its link). Entries are links out:
a title and a summary as plain text (a feed is hostile input: tags, scripts and entities
never reach a page), the source and the external link; never the article's body.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser
from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, select

from helpline import audit
from helpline.i18n import LOCALES
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import NewsFeed, NewsFeedItem
from helpline.models._common import aware, utcnow
from helpline.net import FetchRefused, fetch
from helpline.news.articles import WRITERS
from helpline.news.errors import NewsError
from helpline.news.forms import FeedForm
from helpline.news.markdown import plain_text

log = logging.getLogger("abri.news")

FEED_MAX_BYTES = 2 * 1024 * 1024
FEED_TIMEOUT_SECONDS = 20.0
ENTRIES_PER_IMPORT = 100
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"


class FeedPublic(SQLModel):
    id: int
    url: str
    title: str
    locale: str
    checked_at: datetime | None
    last_status: int
    last_code: str
    pending: int = 0


class FeedItemPublic(SQLModel):
    id: int
    feed_id: int
    source: str  # the feed's name
    title: str
    summary: str
    link: str
    published_at: datetime | None
    approved: bool


@dataclass(frozen=True)
class ImportResult:
    status: int  # 200, 304; 0 when refused
    added: int
    code: str = ""  # why it failed


def _web_link(url: str) -> str:
    """An absolute http(s) link, or "" (a feed's javascript: or relative link is dropped)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        return ""
    if any(c.isspace() or ord(c) < 32 for c in url):
        return ""
    return url


def add_feed(db: DbSession, staff: StaffPrincipal | None, form: FeedForm) -> FeedPublic:
    writer = require(staff, WRITERS, NewsError)
    url = _web_link(form.url)
    if not url:
        raise NewsError("url_invalid")
    if form.locale not in LOCALES:
        raise NewsError("locale_invalid")
    if db.exec(select(NewsFeed).where(NewsFeed.url == url)).first() is not None:
        raise NewsError("feed_exists")
    feed = NewsFeed(url=url, title=plain_text(form.title, 200) or urlsplit(url).hostname or "",
                    locale=form.locale, added_by=writer.staff_id)
    db.add(feed)
    db.flush()
    audit.record(db, writer, "news.feed_added", "news_feed", feed.id)
    return FeedPublic.model_validate(feed, from_attributes=True)


def remove_feed(db: DbSession, staff: StaffPrincipal | None, feed_id: int) -> None:
    writer = require(staff, WRITERS, NewsError)
    feed = db.get(NewsFeed, feed_id)
    if feed is None:
        raise NewsError("not_found")
    for item in db.exec(select(NewsFeedItem).where(NewsFeedItem.feed_id == feed_id)):
        db.delete(item)
    db.delete(feed)
    audit.record(db, writer, "news.feed_removed", "news_feed", feed_id)


def feed_for_import(db: DbSession, staff: StaffPrincipal | None, feed_id: int) -> int:
    """May this person ask for the feed's import now? Its id (the job is queued after)."""
    require(staff, WRITERS, NewsError)
    if db.get(NewsFeed, feed_id) is None:
        raise NewsError("not_found")
    return feed_id


def staff_feeds(db: DbSession, staff: StaffPrincipal | None) -> list[FeedPublic]:
    require(staff, WRITERS, NewsError)
    feeds = db.exec(select(NewsFeed).order_by(NewsFeed.id)).all()
    pending: dict[int, int] = {}
    for item in db.exec(select(NewsFeedItem).where(NewsFeedItem.approved_at.is_(None),
                                                   NewsFeedItem.rejected_at.is_(None))):
        pending[item.feed_id] = pending.get(item.feed_id, 0) + 1
    return [FeedPublic.model_validate({**f.model_dump(), "pending": pending.get(f.id, 0)})
            for f in feeds]


def _item_public(item: NewsFeedItem, source: str) -> FeedItemPublic:
    return FeedItemPublic(id=item.id, feed_id=item.feed_id, source=source, title=item.title,
                          summary=item.summary, link=item.link,
                          published_at=aware(item.published_at) if item.published_at else None,
                          approved=item.approved_at is not None)


def pending_items(db: DbSession, staff: StaffPrincipal | None) -> list[FeedItemPublic]:
    """Entries no one has approved or set aside yet, newest first."""
    require(staff, WRITERS, NewsError)
    rows = db.exec(select(NewsFeedItem, NewsFeed).join(NewsFeed).where(
        NewsFeedItem.approved_at.is_(None), NewsFeedItem.rejected_at.is_(None)).order_by(
        NewsFeedItem.published_at.desc(), NewsFeedItem.id.desc())).all()
    return [_item_public(item, feed.title) for item, feed in rows]


def review_item(db: DbSession, staff: StaffPrincipal | None, item_id: int, *,
                approve: bool) -> None:
    """Show an entry to young people (approve), or set it aside for good."""
    writer = require(staff, WRITERS, NewsError)
    item = db.get(NewsFeedItem, item_id)
    if item is None:
        raise NewsError("not_found")
    now = utcnow()
    if approve:
        item.approved_at, item.approved_by, item.rejected_at = now, writer.staff_id, None
    else:
        item.rejected_at, item.approved_at = now, None
    db.add(item)
    audit.record(db, writer, "news.item_approved" if approve else "news.item_rejected",
                 "news_feed_item", item_id)


def _entry_time(entry) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime(*parsed[:6], tzinfo=UTC) if parsed else None
    except (TypeError, ValueError):
        return None


def _key(entry, link: str) -> str:
    ident = entry.get("id") or entry.get("guid") or link
    return hashlib.sha256(str(ident).encode("utf-8", "replace")).hexdigest()


def import_feed(db: DbSession, feed_id: int, *, now: datetime | None = None) -> ImportResult:
    """Fetch one feed and keep its new entries (pending approval). A refusal of the client
    (an internal address, too big, too slow…) is recorded on the feed as its code."""
    feed = db.get(NewsFeed, feed_id)
    if feed is None:
        raise NewsError("not_found")
    now = now or utcnow()
    headers = {"Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    feed.checked_at = now
    try:
        answer = fetch(feed.url, headers=headers, max_bytes=FEED_MAX_BYTES,
                       allow_truncated=False, total_timeout=FEED_TIMEOUT_SECONDS)
    except FetchRefused as refused:
        feed.last_status, feed.last_code = 0, refused.code
        db.add(feed)
        return ImportResult(0, 0, refused.code)
    feed.last_status = answer.status
    if answer.status == 304:
        feed.last_code = ""
        db.add(feed)
        return ImportResult(304, 0)
    if answer.status != 200:
        feed.last_code = "http_status"
        db.add(feed)
        return ImportResult(answer.status, 0, "http_status")
    parsed = feedparser.parse(answer.body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and parsed.get("bozo"):
        feed.last_code = "not_a_feed"
        db.add(feed)
        return ImportResult(answer.status, 0, "not_a_feed")
    feed.etag = (answer.header("etag") or "")[:500]
    feed.last_modified = (answer.header("last-modified") or "")[:100]
    feed.last_code = ""
    known = set(db.exec(select(NewsFeedItem.key).where(NewsFeedItem.feed_id == feed.id)))
    added = 0
    for entry in parsed.entries[:ENTRIES_PER_IMPORT]:
        link = _web_link(entry.get("link", ""))
        title = plain_text(entry.get("title", ""), 200)
        if not link or not title:
            continue
        key = _key(entry, link)
        if key in known:
            continue
        known.add(key)
        db.add(NewsFeedItem(feed_id=feed.id, key=key, title=title, link=link,
                            summary=plain_text(entry.get("summary", ""), 500),
                            published_at=min(_entry_time(entry) or now, now), fetched_at=now))
        added += 1
    db.add(feed)
    db.flush()
    if added:
        log.info("news: %d new entries from feed %s", added, feed.id)
    return ImportResult(200, added)


def feed_ids(db: DbSession) -> list[int]:
    return list(db.exec(select(NewsFeed.id).order_by(NewsFeed.id)))
