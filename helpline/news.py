"""The practical-information feed: staff-authored articles, sanitised on save."""

from __future__ import annotations

from datetime import datetime

import nh3
from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, select

from helpline.models import NewsArticle
from helpline.models._common import utcnow

ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


class ArticlePublic(SQLModel):
    slug: str
    locale: str
    title: str
    summary: str
    body_html: str
    published_at: datetime | None


def sanitise_html(html: str) -> str:
    """Keep only a small allowlist of tags; links are http(s)/mailto/tel and rel=noopener."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def upsert_article(
    db: DbSession, *, locale: str, slug: str, title: str, summary: str, body_html: str,
    publish: bool = True,
) -> NewsArticle:
    article = db.exec(
        select(NewsArticle).where(NewsArticle.locale == locale, NewsArticle.slug == slug)
    ).first() or NewsArticle(locale=locale, slug=slug, title="", summary="", body_html="")
    article.title, article.summary = title.strip(), summary.strip()
    article.body_html = sanitise_html(body_html)
    if publish and article.published_at is None:
        article.published_at = utcnow()
    db.add(article)
    db.flush()
    return article


def published_articles(db: DbSession, locale: str) -> list[ArticlePublic]:
    rows = db.exec(
        select(NewsArticle)
        .where(NewsArticle.locale == locale, NewsArticle.published_at.is_not(None))
        .order_by(NewsArticle.published_at.desc(), NewsArticle.id.asc())
    ).all()
    return [ArticlePublic.model_validate(row, from_attributes=True) for row in rows]
