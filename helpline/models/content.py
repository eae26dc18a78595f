"""Content the helpline publishes: the quiz and the practical-information feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from helpline.models._common import created_field, when_field


class QuizQuestion(SQLModel, table=True):
    __tablename__ = "quiz_question"
    __table_args__ = (UniqueConstraint("locale", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    locale: str = Field(max_length=5)
    position: int
    text: str = Field(max_length=500)
    help_text: str | None = Field(default=None, max_length=1000)


class QuizChoice(SQLModel, table=True):
    __tablename__ = "quiz_choice"

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="quiz_question.id", index=True, ondelete="CASCADE")
    position: int
    text: str = Field(max_length=200)
    weight: int = 0


class QuizOutcome(SQLModel, table=True):
    __tablename__ = "quiz_outcome"

    id: int | None = Field(default=None, primary_key=True)
    locale: str = Field(max_length=5)
    min_score: int
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))


class QuizResult(SQLModel, table=True):
    __tablename__ = "quiz_result"

    id: int | None = Field(default=None, primary_key=True)
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    score: int
    answers: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
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
