"""Content the helpline publishes: the quiz and the practical-information feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from helpline.models._common import created_field, when_field


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


class NewsArticle(SQLModel, table=True):
    __tablename__ = "news_article"
    __table_args__ = (UniqueConstraint("locale", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    locale: str = Field(max_length=5)
    slug: str = Field(max_length=120)
    title: str = Field(max_length=200)
    summary: str = Field(max_length=500)
    body_html: str = Field(sa_column=Column(Text, nullable=False))  # sanitised on save
    author_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = created_field()
    published_at: datetime | None = when_field(index=True)
