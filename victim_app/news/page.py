"""« Infos »: big entry points that open the sheets of a topic, a search of the sheets,
then the helpline's articles and partners' links, newest first, by category, a page at a
time; and an article's own page (``/infos/article?a=<slug>``) at a readable width, with
a way to talk about it."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, other_locale, t
from helpline.news import CATEGORIES, ENTRY_POINTS
from victim_app.components import card
from victim_app.layout import titled_page, victim_page
from victim_app.news.state import ArticleState, InfoState
from victim_app.routes import VICTIM_PAGES, rebuild_who, victim_url

MUTED = "#3b4a52"


def _article_href(locale: Locale, slug: rx.Var | str) -> rx.Var | str:
    return victim_url(locale, "news_article") + "?a=" + slug


def _sheet_link(locale: Locale, sheet: rx.Var) -> rx.Component:
    return rx.el.li(rx.link(
        rx.vstack(rx.text(sheet["title"], weight="bold", size="3"),
                  rx.text(sheet["summary"], size="2", color=MUTED), spacing="1"),
        href=_article_href(locale, sheet["slug"]), underline="none",
        style={"display": "block", "padding": "0.75rem", "borderRadius": "10px",
               "background": "#ffffff", "border": "1px solid #cfe3e1", "minHeight": "44px"}),
        style={"listStyle": "none"})


def _entry_points(locale: Locale) -> rx.Component:
    buttons = []
    for key, topic in ENTRY_POINTS:
        chosen = InfoState.topic == topic
        buttons.append(rx.el.li(rx.button(
            t(locale, f"news.entry.{key}"), size="3",
            variant=rx.cond(chosen, "solid", "soft"),
            custom_attrs={"aria-pressed": rx.cond(chosen, "true", "false")},
            on_click=InfoState.pick_topic(topic))))
    return rx.vstack(
        rx.heading(t(locale, "news.entry.title"), as_="h2", size="5"),
        rx.el.ul(*buttons, class_name="abri-entry-points"),
        rx.cond(InfoState.topic != "", rx.vstack(
            rx.cond(InfoState.sheets.length() > 0,
                    rx.el.ul(rx.foreach(InfoState.sheets, lambda s: _sheet_link(locale, s)),
                             style={"display": "grid", "gap": "0.5rem", "padding": 0,
                                    "margin": 0, "width": "100%"},
                             aria_label=t(locale, "news.entry.sheets")),
                    rx.text(t(locale, "news.entry.none"), color=MUTED)),
            width="100%", role="region", aria_live="polite")),
        spacing="3", width="100%",
    )


def _search(locale: Locale) -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.hstack(
                rx.el.label(t(locale, "news.search.label"), html_for="news-q",
                            class_name="abri-sr-only",
                            style={"position": "absolute", "width": "1px", "height": "1px",
                                   "overflow": "hidden", "clip": "rect(0 0 0 0)"}),
                rx.input(name="q", id="news-q", type="search", max_length=200,
                         placeholder=t(locale, "news.search.placeholder"), size="3",
                         flex="1"),
                rx.button(rx.icon("search", aria_hidden="true"), t(locale, "news.search.go"),
                          type="submit", size="3"),
                width="100%", spacing="2"),
            on_submit=InfoState.search, role="search", width="100%"),
        rx.cond(InfoState.searched, rx.cond(
            InfoState.results.length() > 0,
            rx.el.ul(rx.foreach(InfoState.results, lambda s: _sheet_link(locale, s)),
                     style={"display": "grid", "gap": "0.5rem", "padding": 0, "margin": 0,
                            "width": "100%"}, aria_label=t(locale, "news.search.results")),
            rx.text(t(locale, "news.search.none"), color=MUTED, role="status"))),
        spacing="2", width="100%",
    )


def _category_chips(locale: Locale) -> rx.Component:
    chips = []
    for key in ("", *CATEGORIES):
        chosen = InfoState.category == key
        chips.append(rx.el.li(rx.button(
            t(locale, f"news.category.{key or 'all'}"), size="2", radius="full",
            variant=rx.cond(chosen, "solid", "outline"),
            custom_attrs={"aria-pressed": rx.cond(chosen, "true", "false")},
            on_click=InfoState.pick_category(key))))
    return rx.el.ul(*chips, class_name="abri-chips", aria_label=t(locale, "news.category.label"))


def _feed_card(locale: Locale, item: rx.Var) -> rx.Component:
    is_link = item["kind"] == "link"
    meta = rx.hstack(
        rx.cond(item["new"] == "1", rx.badge(t(locale, "news.new"), color_scheme="green")),
        rx.text(item["day"], size="1", color=MUTED),
        rx.cond(is_link, rx.text(t(locale, "news.from") + " ", item["source"], size="1",
                                 color=MUTED)),
        spacing="2", align="center", wrap="wrap")
    title = rx.heading(item["title"], as_="h3", size="4")
    return rx.el.li(card(
        meta,
        rx.cond(
            is_link,
            rx.link(title, rx.el.span(" ", rx.icon("external-link", size=14,
                                                    aria_hidden="true"),
                                      rx.el.span(t(locale, "news.external"),
                                                 style={"position": "absolute",
                                                        "width": "1px", "height": "1px",
                                                        "overflow": "hidden",
                                                        "clip": "rect(0 0 0 0)"})),
                    href=item["link"], is_external=True,
                    rel="noopener noreferrer nofollow"),
            rx.link(title, href=_article_href(locale, item["slug"])),
        ),
        rx.text(item["summary"], size="2", color=MUTED),
    ), style={"listStyle": "none"})


def _pager(locale: Locale) -> rx.Component:
    return rx.cond(InfoState.pages > 1, rx.el.nav(rx.hstack(
        rx.button(t(locale, "news.previous"), variant="soft", disabled=InfoState.page <= 1,
                  on_click=InfoState.go_to_page(InfoState.page - 1)),
        rx.text(t(locale, "news.page") + " ", InfoState.page, " / ", InfoState.pages,
                size="2", aria_live="polite"),
        rx.button(t(locale, "news.next"), variant="soft",
                  disabled=InfoState.page >= InfoState.pages,
                  on_click=InfoState.go_to_page(InfoState.page + 1)),
        spacing="3", align="center", justify="center", width="100%"),
        aria_label=t(locale, "news.pages")))


@VICTIM_PAGES.page("news", slug={"fr": "infos", "en": "info"}, title="news.title",
                   icon="book-open", nav=4,
                   on_load=lambda locale: [*rebuild_who(locale), InfoState.load(locale)])
def info(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "news",
        _entry_points(locale),
        _search(locale),
        rx.vstack(
            rx.heading(t(locale, "news.feed.title"), as_="h2", size="5"),
            rx.cond(InfoState.new_count > 0, rx.callout(
                rx.cond(InfoState.new_count == 1, t(locale, "news.new_since.one"),
                        rx.text.span(InfoState.new_count, " ",
                                     t(locale, "news.new_since.many"))),
                icon="sparkles", color_scheme="green", role="status")),
            _category_chips(locale),
            rx.cond(InfoState.cards.length() > 0,
                    rx.el.ul(rx.foreach(InfoState.cards, lambda c: _feed_card(locale, c)),
                             style={"display": "grid", "gap": "0.75rem", "padding": 0,
                                    "margin": 0, "width": "100%"}),
                    rx.text(t(locale, "news.empty"), color=MUTED)),
            _pager(locale),
            spacing="3", width="100%"),
    )


@VICTIM_PAGES.page("news_article", slug={"fr": "infos/article", "en": "info/article"},
                   title="news.title",
                   on_load=lambda locale: [*rebuild_who(locale), ArticleState.load(locale)])
def article(locale: Locale) -> rx.Component:
    other = other_locale(locale)
    return victim_page(
        locale, "news",
        rx.link(rx.icon("arrow-left", size=16, aria_hidden="true"), t(locale, "news.back"),
                href=victim_url(locale, "news"),
                style={"display": "inline-flex", "alignItems": "center", "gap": "0.35rem",
                       "minHeight": "44px"}),
        rx.cond(
            ArticleState.found,
            rx.el.article(rx.vstack(
                rx.heading(ArticleState.title, as_="h1", size="7", color="#1f2a30",
                           class_name="abri-readable"),
                rx.text(ArticleState.summary, size="4", color=MUTED,
                        class_name="abri-readable"),
                rx.cond(ArticleState.day != "", rx.text(ArticleState.day, size="1",
                                                        color=MUTED)),
                rx.cond(ArticleState.image_id != "", rx.image(
                    src="/api/news/image/" + ArticleState.image_id, alt="",
                    style={"maxWidth": "100%", "height": "auto", "borderRadius": "12px"})),
                rx.html(ArticleState.body_html, class_name="abri-article"),  # nh3 on save
                rx.cond(ArticleState.sources.length() > 0, rx.vstack(
                    rx.heading(t(locale, "news.sources"), as_="h2", size="3"),
                    rx.el.ul(rx.foreach(ArticleState.sources, lambda s: rx.el.li(rx.link(
                        s["title"], href=s["url"], is_external=True,
                        rel="noopener noreferrer nofollow")))),
                    spacing="1")),
                rx.cond(ArticleState.pair_slug != "", rx.link(
                    t(locale, "news.other_language"),
                    href=victim_url(other, "news_article") + "?a=" + ArticleState.pair_slug,
                    lang=other)),
                card(rx.text(t(locale, "news.talk.lead"), size="3"),
                     rx.button(rx.link(rx.icon("message-circle", aria_hidden="true"),
                                       t(locale, "news.talk.go"),
                                       href=victim_url(locale, "chat")),
                               as_child=True, size="3")),
                spacing="4", width="100%")),
            rx.vstack(rx.heading(t(locale, "news.missing.title"), as_="h1", size="7"),
                      rx.text(t(locale, "news.missing.body"), color=MUTED)),
        ),
    )
