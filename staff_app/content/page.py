"""Contenus (supervisors): the risk rules that raise a conversation's priority, and the
ready-made answers."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.content.canned import canned_section
from staff_app.content.rules import rules_section
from staff_app.content.state import ContentState
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load

# « Contenus » is the door to the pages that edit what young people read and answer.
SUBPAGES = (("quiz_editor", "circle-help", "quiz_editor.link"),
            ("news_articles", "newspaper", "news.staff.articles.title"),
            ("news_feeds", "rss", "news.staff.feeds.title"))


def _subpages(locale: Locale) -> rx.Component:
    return rx.hstack(
        *[rx.link(rx.icon(icon, size=16, aria_hidden="true"), t(locale, label),
                  href=STAFF_PAGES.url(locale, key), weight="bold",
                  style={"display": "inline-flex", "gap": "0.4rem", "alignItems": "center",
                         "minHeight": "44px"})
          for key, icon, label in SUBPAGES],
        spacing="5", wrap="wrap")


@STAFF_PAGES.page("content", slug="contenus", title="staff.content.title", icon="file-pen", nav=4,
                  on_load=workspace_load("content", ContentState.load))
def content(locale: Locale) -> rx.Component:
    return staff_page(
        locale, "content", t(locale, "staff.content.title"),
        rx.text(t(locale, "staff.content.lead"), color="#3b4a52"),
        _subpages(locale),
        rules_section(locale),
        rx.divider(margin_block="1rem"),
        canned_section(locale),
    )
