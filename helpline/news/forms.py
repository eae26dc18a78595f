"""What the « Contenus » pages of the feed send, read and bounded once."""

from __future__ import annotations

from dataclasses import dataclass

from helpline.text import FormShape, form_field, whole_or

BODY_MAX = 50_000


@dataclass(frozen=True)
class ArticleForm(FormShape):
    title: str = form_field(200)
    summary: str = form_field(500)
    body: str = form_field(BODY_MAX)
    category: str = form_field(32, token=True)
    locale: str = form_field(5, token=True)
    kind: str = form_field(16, token=True)
    status: str = form_field(16, token=True)  # draft, published, scheduled
    publish_at: str = form_field(32)  # a datetime-local value, in the helpline's time zone


@dataclass(frozen=True)
class FeedForm(FormShape):
    url: str = form_field(2000)
    title: str = form_field(200)
    locale: str = form_field(5, token=True)


@dataclass(frozen=True)
class FeedPage(FormShape):
    page: int = form_field(6, token=True, then=whole_or(1))
