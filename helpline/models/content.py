"""Content the helpline publishes: the quiz and the practical-information feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, LargeBinary, Text
from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from helpline.models._common import created_field, id_field, when_field


class QuizVersion(SQLModel, table=True):
    """One version of the quiz: questions, choices and their weights, the forms they point
    to and the result texts, in every language, as one document (helpline.quiz.content).
    A draft is edited in place; a published version never changes again, so a young
    person mid-quiz finishes the one they started and a result names its version."""

    __tablename__ = "quiz_version"

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default="draft", max_length=12, index=True)  # draft, published
    document: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = created_field()
    published_at: datetime | None = when_field()


class QuizResult(SQLModel, table=True):
    """A result the young person chose to show a counsellor: the forms it names, sealed
    to the conversation (never the answers themselves)."""

    __tablename__ = "quiz_result"

    id: int | None = Field(default=None, primary_key=True)
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    version_id: int = Field(foreign_key="quiz_version.id", index=True)
    conversation_id: str | None = Field(default=None, foreign_key="conversation.id",
                                        index=True, ondelete="SET NULL")
    score: int = 0
    summary_enc: bytes | None = None
    created_at: datetime = created_field()


class NewsImage(SQLModel, table=True):
    """An article's picture, re-encoded from the upload with no metadata (EXIF, GPS …)."""

    __tablename__ = "news_image"

    id: str = id_field()
    content_type: str = Field(max_length=32)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    width: int
    height: int
    created_at: datetime = created_field()


class NewsArticle(SQLModel, table=True):
    """An article or a practical sheet. ``published_at`` None is a draft, a moment to come
    is scheduled, a moment past is published."""

    __tablename__ = "news_article"
    # The feed reads a locale's articles (or sheets) newest first, a page at a time.
    __table_args__ = (UniqueConstraint("locale", "slug"),
                      Index("ix_news_article_listing", "locale", "kind", "published_at"))

    id: int | None = Field(default=None, primary_key=True)
    locale: str = Field(max_length=5)
    slug: str = Field(max_length=120)
    kind: str = Field(default="article", max_length=16)  # article, sheet
    category: str = Field(default="", max_length=32)
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    pair: str = Field(default="", max_length=120)  # the same sheet's slug in the other locale
    sources: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    title: str = Field(max_length=200)
    summary: str = Field(max_length=500)
    body_md: str = Field(default="", sa_column=Column(Text, nullable=False))
    body_html: str = Field(sa_column=Column(Text, nullable=False))  # sanitised on save
    image_id: str | None = Field(default=None, foreign_key="news_image.id", max_length=32,
                                 ondelete="SET NULL")
    author_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = created_field()
    updated_at: datetime | None = when_field()
    published_at: datetime | None = when_field(index=True)


class NewsFeed(SQLModel, table=True):
    """A partner's RSS or Atom feed, imported on a timer; what it answered last."""

    __tablename__ = "news_feed"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000, unique=True)
    title: str = Field(default="", max_length=200)
    locale: str = Field(max_length=5)
    etag: str = Field(default="", max_length=500)
    last_modified: str = Field(default="", max_length=100)
    checked_at: datetime | None = when_field()
    last_status: int = 0  # the HTTP status of the last answer (304: nothing new)
    last_code: str = Field(default="", max_length=32)  # why the last import failed
    added_by: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = created_field()


class NewsFeedItem(SQLModel, table=True):
    """One entry of a feed: a link out (title, summary as plain text, source), shown to
    young people only once a staff member approved it."""

    __tablename__ = "news_feed_item"
    __table_args__ = (UniqueConstraint("feed_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="news_feed.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=64)  # SHA-256 of the entry's id (or link): de-duplication
    title: str = Field(max_length=200)
    summary: str = Field(default="", max_length=500)
    link: str = Field(max_length=2000)
    published_at: datetime | None = when_field()
    fetched_at: datetime = created_field()
    approved_at: datetime | None = when_field(index=True)
    approved_by: int | None = Field(default=None, foreign_key="staff_user.id")
    rejected_at: datetime | None = when_field()
