"""Articles and practical sheets: written by supervisors (and admins) in « Contenus »,
rendered from Markdown and sanitised when saved, published now, later or not yet."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, select

from helpline import audit
from helpline.config import get_settings
from helpline.i18n import LOCALES
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import NewsArticle, NewsImage, Role
from helpline.models._common import aware, utcnow
from helpline.news.errors import NewsError
from helpline.news.forms import ArticleForm
from helpline.news.markdown import render_markdown, sanitise_html

WRITERS = (Role.supervisor, Role.admin)
KINDS = ("article", "sheet")
CATEGORIES = ("report", "accounts", "intimate", "rights", "school", "safety", "news")
TOPICS = ("report_account", "blackmail", "fake_account", "intimate_images", "school",
          "insults", "threats", "evidence", "talk")
STATUSES = ("draft", "published", "scheduled")


class ArticlePublic(SQLModel):
    id: int
    slug: str
    locale: str
    kind: str
    category: str
    topics: list[str]
    pair: str
    sources: list[dict]
    title: str
    summary: str
    body_md: str
    body_html: str
    image_id: str | None
    published_at: datetime | None
    status: str  # draft, published, scheduled


def status_of(published_at: datetime | None, now: datetime | None = None) -> str:
    if published_at is None:
        return "draft"
    return "scheduled" if aware(published_at) > (now or utcnow()) else "published"


def public(row: NewsArticle, now: datetime | None = None) -> ArticlePublic:
    when = aware(row.published_at) if row.published_at is not None else None
    return ArticlePublic.model_validate(
        {**row.model_dump(exclude={"published_at"}), "published_at": when,
         "status": status_of(when, now)})


def slugify(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:80] or "article"


def _free_slug(db: DbSession, locale: str, title: str) -> str:
    base, n = slugify(title), 1
    slug = base
    while db.exec(select(NewsArticle.id).where(NewsArticle.locale == locale,
                                               NewsArticle.slug == slug)).first():
        n += 1
        slug = f"{base}-{n}"
    return slug


def upsert_article(
    db: DbSession, *, locale: str, slug: str, title: str, summary: str, body_html: str = "",
    body_md: str = "", publish: bool = True, kind: str = "article", category: str = "",
    topics: list[str] | None = None, pair: str = "", sources: list[dict] | None = None,
) -> NewsArticle:
    """Create or replace the article ``slug`` of ``locale`` (the seed's way: no principal).
    A Markdown body wins over an HTML one; either is sanitised."""
    article = db.exec(
        select(NewsArticle).where(NewsArticle.locale == locale, NewsArticle.slug == slug)
    ).first() or NewsArticle(locale=locale, slug=slug, title="", summary="", body_html="")
    article.title, article.summary = title.strip(), summary.strip()
    article.body_md = body_md
    article.body_html = render_markdown(body_md) if body_md else sanitise_html(body_html)
    article.kind, article.category, article.pair = kind, category, pair
    article.topics, article.sources = list(topics or []), list(sources or [])
    if publish and article.published_at is None:
        article.published_at = utcnow()
    article.updated_at = utcnow()
    db.add(article)
    db.flush()
    return article


def _publish_time(form: ArticleForm, now: datetime) -> datetime | None:
    if form.status == "draft":
        return None
    if form.status == "published":
        return now
    try:
        local = datetime.fromisoformat(form.publish_at.strip())
    except ValueError:
        raise NewsError("when_invalid") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=ZoneInfo(get_settings().timezone))
    if local <= now:
        raise NewsError("when_past")
    return local.astimezone(UTC)


def _checked(form: ArticleForm) -> ArticleForm:
    if not form.title.strip():
        raise NewsError("title_missing")
    if not form.summary.strip():
        raise NewsError("summary_missing")
    if form.locale not in LOCALES:
        raise NewsError("locale_invalid")
    if form.kind not in KINDS:
        raise NewsError("kind_invalid")
    if form.category not in CATEGORIES:
        raise NewsError("category_invalid")
    if form.status not in STATUSES:
        raise NewsError("status_invalid")
    return form


def preview(staff: StaffPrincipal | None, body: str) -> str:
    """The body as young people will see it (the same rendering and sanitising)."""
    require(staff, WRITERS, NewsError)
    return render_markdown(body)


def save_article(db: DbSession, staff: StaffPrincipal | None, form: ArticleForm, *,
                 article_id: int | None = None, now: datetime | None = None) -> ArticlePublic:
    """Write a new article (``article_id`` None) or change one; its publication as the form
    says: a draft, now, or at a time to come."""
    writer = require(staff, WRITERS, NewsError)
    form, now = _checked(form), now or utcnow()
    when = _publish_time(form, now)
    if article_id is None:
        article = NewsArticle(locale=form.locale, slug=_free_slug(db, form.locale, form.title),
                              title="", summary="", body_html="",
                              author_staff_id=writer.staff_id)
    else:
        article = db.get(NewsArticle, article_id)
        if article is None:
            raise NewsError("not_found")
        if article.locale != form.locale:
            article.locale, article.slug = form.locale, _free_slug(db, form.locale, form.title)
    article.title, article.summary = form.title.strip(), form.summary.strip()
    article.body_md, article.body_html = form.body, render_markdown(form.body)
    article.kind, article.category = form.kind, form.category
    # A published article keeps its date when edited; a new time reschedules it.
    if when is None or form.status == "scheduled" or status_of(article.published_at, now) != \
            "published":
        article.published_at = when
    article.updated_at = now
    db.add(article)
    db.flush()
    audit.record(db, writer, "news.saved", "news_article", article.id, status_of(when, now))
    return public(article, now)


def delete_article(db: DbSession, staff: StaffPrincipal | None, article_id: int) -> None:
    writer = require(staff, WRITERS, NewsError)
    article = db.get(NewsArticle, article_id)
    if article is None:
        raise NewsError("not_found")
    picture = db.get(NewsImage, article.image_id) if article.image_id else None
    db.delete(article)
    if picture is not None:
        db.flush()
        db.delete(picture)
    audit.record(db, writer, "news.deleted", "news_article", article_id)


def staff_articles(db: DbSession, staff: StaffPrincipal | None,
                   now: datetime | None = None) -> list[ArticlePublic]:
    """Every article and sheet, drafts and scheduled ones included, newest change first."""
    require(staff, WRITERS, NewsError)
    rows = db.exec(select(NewsArticle).order_by(NewsArticle.updated_at.desc(),
                                                NewsArticle.id.desc())).all()
    return [public(row, now) for row in rows]


def published_articles(db: DbSession, locale: str, *, now: datetime | None = None,
                       kind: str | None = None) -> list[ArticlePublic]:
    """What young people may read: published, and not scheduled for later."""
    now = now or utcnow()
    query = select(NewsArticle).where(NewsArticle.locale == locale,
                                      NewsArticle.published_at.is_not(None),
                                      NewsArticle.published_at <= now)
    if kind:
        query = query.where(NewsArticle.kind == kind)
    rows = db.exec(query.order_by(NewsArticle.published_at.desc(), NewsArticle.id.asc())).all()
    return [public(row, now) for row in rows]


def published_article(db: DbSession, locale: str, slug: str,
                      now: datetime | None = None) -> ArticlePublic | None:
    now = now or utcnow()
    row = db.exec(select(NewsArticle).where(
        NewsArticle.locale == locale, NewsArticle.slug == slug,
        NewsArticle.published_at.is_not(None), NewsArticle.published_at <= now)).first()
    return public(row, now) if row is not None else None
