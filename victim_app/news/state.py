"""The feed's state: published articles are public."""

from __future__ import annotations

import reflex as rx

from helpline.db import session_scope
from helpline.i18n import LOCALES
from helpline.news import published_articles
from uikit.access import public


class InfoState(rx.State):
    """The practical-information feed (published articles are public)."""

    articles: list[dict[str, str]] = []

    @public
    def load(self, locale: str) -> None:
        if locale not in LOCALES:
            locale = "fr"
        with session_scope() as db:
            self.articles = [
                {"slug": a.slug, "title": a.title, "summary": a.summary, "body_html": a.body_html}
                for a in published_articles(db, locale)
            ]
