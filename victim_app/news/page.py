"""Practical information: the articles the helpline publishes."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from victim_app.layout import titled_page
from victim_app.news.state import InfoState
from victim_app.routes import VICTIM_PAGES, rebuild_who


def _article(article: rx.Var) -> rx.Component:
    return rx.card(
        rx.el.details(
            rx.el.summary(
                rx.heading(article["title"], as_="h2", size="4", display="inline"),
                style={"cursor": "pointer", "minHeight": "44px", "padding": "0.25rem 0"},
            ),
            rx.text(article["summary"], color="#3b4a52", margin_bottom="0.75rem"),
            rx.html(article["body_html"], class_name="abri-article"),  # safe: nh3 on save
        ),
        size="3",
        width="100%",
        style={"background": "#ffffff"},
    )


@VICTIM_PAGES.page("news", slug="infos", title="news.title", icon="book-open", nav=4,
                   on_load=lambda locale: [*rebuild_who(locale), InfoState.load(locale)])
def info(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "news",
        rx.cond(
            InfoState.articles.length() > 0,
            rx.vstack(rx.foreach(InfoState.articles, _article), spacing="3", width="100%"),
            rx.text(t(locale, "news.empty")),
        ),
    )
