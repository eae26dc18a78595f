"""Contenus › Articles et fiches (``contenus/articles``) and Contenus › Flux partenaires
(``contenus/flux``): pages of their own, linked from « Contenus »."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import LOCALES, Locale, t
from helpline.news import CATEGORIES, KINDS, STATUSES
from helpline.news.forms import BODY_MAX
from staff_app.layout import staff_page
from staff_app.news.state import ArticlesState, FeedsState
from staff_app.routes import STAFF_PAGES, staff_url
from staff_app.state import workspace_load
from uikit.components import coded_callout, data_table, labelled
from uikit.forms import native_form

ARTICLE_ERRORS = ("title_missing", "summary_missing", "category_invalid", "locale_invalid",
                  "kind_invalid", "status_invalid", "when_invalid", "when_past", "not_found",
                  "forbidden", "invalid", "too_long")
FEED_ERRORS = ("url_invalid", "locale_invalid", "feed_exists", "not_found", "forbidden",
               "invalid", "too_long")
FEED_DONE = ("added", "imported", "import_pending", "approved", "rejected", "removed")
# Why an import failed, in words (helpline.net's codes and the feed's own).
IMPORT_CODES = ("address_refused", "too_big", "timeout", "http_status", "not_a_feed",
                "connect_failed", "resolve_failed", "tls_failed", "port_refused",
                "scheme_refused", "url_invalid", "too_many_redirects", "http_error")


def _errors(locale: Locale, code: rx.Var, codes: tuple[str, ...]) -> rx.Component:
    return coded_callout(code, {c: t(locale, f"news.staff.error.{c}") for c in codes})


def _done(locale: Locale, code: rx.Var, codes: tuple[str, ...]) -> rx.Component:
    return coded_callout(code, {d: t(locale, f"news.staff.done.{d}") for d in codes}, done=True)


def _select(name: str, options: list[tuple[str, str]], default) -> rx.Component:
    return rx.el.select(*[rx.el.option(label, value=value) for value, label in options],
                        name=name, id=f"article-{name}", class_name="abri-select",
                        default_value=default)


def _editor(locale: Locale) -> rx.Component:
    editing = ArticlesState.editing

    def value(key: str, fallback: str = ""):
        return rx.cond(editing[key], editing[key], fallback)

    return rx.form(
        rx.vstack(
            rx.heading(rx.cond(editing["id"], t(locale, "news.staff.articles.editing"),
                               t(locale, "news.staff.articles.new")), as_="h2", size="5"),
            labelled(t(locale, "news.staff.field.title"), rx.input(
                name="title", id="article-title", max_length=200,
                default_value=editing["title"].to(str))),
            labelled(t(locale, "news.staff.field.summary"), rx.text_area(
                name="summary", id="article-summary", max_length=500, rows="2",
                default_value=editing["summary"].to(str))),
            labelled(t(locale, "news.staff.field.body"), rx.text_area(
                name="body", id="article-body", max_length=BODY_MAX, rows="12", width="100%",
                default_value=editing["body"].to(str), on_blur=ArticlesState.keep_body,
                style={"fontFamily": "ui-monospace, monospace"}),
                t(locale, "news.staff.field.body_hint")),
            rx.box(
                labelled(t(locale, "news.staff.field.kind"), _select(
                    "kind", [(k, t(locale, f"news.staff.kind.{k}")) for k in KINDS],
                    value("kind", "article"))),
                labelled(t(locale, "news.staff.field.category"), _select(
                    "category", [(c, t(locale, f"news.category.{c}")) for c in CATEGORIES],
                    value("category", "news"))),
                labelled(t(locale, "news.staff.field.locale"), _select(
                    "locale", [(code, code) for code in LOCALES], value("locale", locale))),
                labelled(t(locale, "news.staff.field.status"), _select(
                    "status", [(s, t(locale, f"news.staff.status.{s}")) for s in STATUSES],
                    value("status", "draft"))),
                labelled(t(locale, "news.staff.field.publish_at"), rx.input(
                    name="publish_at", id="article-publish_at", type="datetime-local",
                    default_value=editing["at"].to(str)),
                    t(locale, "news.staff.field.publish_at_hint")),
                style={"display": "grid", "gap": "0.75rem", "width": "100%",
                       "gridTemplateColumns": "repeat(auto-fill, minmax(12rem, 1fr))",
                       "alignItems": "start"}),
            rx.hstack(
                rx.button(t(locale, "news.staff.preview"), type="button", variant="outline",
                          on_click=ArticlesState.show_preview),
                rx.button(t(locale, "news.staff.save"), type="submit"),
                rx.cond(editing["id"], rx.button(
                    t(locale, "news.staff.cancel"), type="button", variant="outline",
                    color_scheme="gray", on_click=ArticlesState.new)),
                spacing="2", wrap="wrap"),
            spacing="3", width="100%"),
        key=ArticlesState.form_key.to_string(),
        on_submit=ArticlesState.save, reset_on_submit=True, width="100%",
        aria_label=rx.cond(editing["id"], t(locale, "news.staff.articles.editing"),
                           t(locale, "news.staff.articles.new")),
    )


IMAGE_OUTCOMES = ("saved", "image_unreadable", "image_too_big", "forbidden", "not_found",
                  "invalid")


def _image_form(locale: Locale) -> rx.Component:
    """A plain form (multipart, to the staff route): the picture of the article being
    edited, re-encoded on the server without its metadata."""
    editing = ArticlesState.editing
    return rx.cond(editing["id"], native_form(
        rx.hstack(
            labelled(t(locale, "news.staff.image.label"), rx.el.input(
                type="file", name="image", id="article-image", required=True,
                accept="image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif")),
            rx.button(t(locale, "news.staff.image.send"), type="submit", variant="outline"),
            align="end", spacing="3", wrap="wrap"),
        action="/staff/api/news/articles/" + editing["id"].to(str) + "/image?lang=" + locale,
        method="post", enc_type="multipart/form-data",
        aria_label=t(locale, "news.staff.image.label")))


def _preview(locale: Locale) -> rx.Component:
    return rx.cond(ArticlesState.preview_html != "", rx.el.section(
        rx.heading(t(locale, "news.staff.preview_title"), as_="h2", size="4"),
        rx.html(ArticlesState.preview_html, class_name="abri-article"),  # nh3 on the server
        aria_label=t(locale, "news.staff.preview_title"),
        style={"border": "1px dashed #9fb3b8", "borderRadius": "8px", "padding": "1rem",
               "width": "100%", "background": "#fbfdfd"}))


def _article_row(locale: Locale, article: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(article["title"]),
        rx.table.cell(rx.match(article["kind"], *[(k, t(locale, f"news.staff.kind.{k}"))
                                                  for k in KINDS], article["kind"])),
        rx.table.cell(article["locale"]),
        rx.table.cell(rx.match(article["status"], *[
            (s, rx.badge(t(locale, f"news.staff.status.{s}"),
                         color_scheme={"draft": "gray", "published": "green",
                                       "scheduled": "blue"}[s])) for s in STATUSES],
            rx.text.span(article["status"])), " ", rx.text.span(article["when"], size="1")),
        rx.table.cell(rx.hstack(
            rx.button(t(locale, "news.staff.edit"), size="1", variant="soft",
                      on_click=ArticlesState.edit(article["id"]),
                      aria_label=t(locale, "news.staff.edit") + " : " + article["title"]),
            rx.button(t(locale, "news.staff.delete"), size="1", variant="outline",
                      color_scheme="red", on_click=ArticlesState.delete(article["id"]),
                      aria_label=t(locale, "news.staff.delete") + " : " + article["title"]),
            spacing="2")),
    )


@STAFF_PAGES.page("news_articles", slug="contenus/articles", title="news.staff.articles.title",
                  on_load=workspace_load("content", ArticlesState.load))
def articles(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("news.staff.field.title", "news.staff.field.kind",
                                   "news.staff.field.locale", "news.staff.field.status")]
    return staff_page(
        locale, "content", t(locale, "news.staff.articles.title"),
        rx.link(t(locale, "news.staff.back"), href=staff_url(locale, "content")),
        rx.text(t(locale, "news.staff.articles.lead"), color="#3b4a52"),
        _errors(locale, ArticlesState.error, ARTICLE_ERRORS),
        _done(locale, ArticlesState.done, ("saved", "deleted")),
        rx.match(ArticlesState.image_outcome,
                 *[(o, rx.callout(t(locale, f"news.staff.image.{o}"),
                                  icon="circle-check" if o == "saved" else "circle-alert",
                                  color_scheme="green" if o == "saved" else "red",
                                  role="status" if o == "saved" else "alert"))
                   for o in IMAGE_OUTCOMES], rx.fragment()),
        _editor(locale),
        _image_form(locale),
        _preview(locale),
        rx.heading(t(locale, "news.staff.articles.list"), as_="h2", size="5"),
        data_table([*head, ""], ArticlesState.articles, lambda a: _article_row(locale, a),
                   size="1"),
    )


def _feed_row(locale: Locale, feed: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.vstack(rx.text(feed["title"], weight="medium"),
                                rx.code(feed["url"], style={"overflowWrap": "anywhere"}),
                                spacing="1")),
        rx.table.cell(feed["locale"]),
        rx.table.cell(rx.vstack(
            rx.text(feed["checked"], size="1"),
            rx.cond(feed["code"] != "", rx.match(
                feed["code"], *[(c, rx.text(t(locale, f"news.staff.import.{c}"), size="1",
                                            color="#8a1c1c")) for c in IMPORT_CODES],
                rx.text(t(locale, "news.staff.import.error"), size="1", color="#8a1c1c")),
                rx.cond(feed["status"] == "304", rx.text(t(locale, "news.staff.import.304"),
                                                         size="1"))),
            spacing="1")),
        rx.table.cell(feed["pending"]),
        rx.table.cell(rx.hstack(
            rx.button(t(locale, "news.staff.import_now"), size="1",
                      on_click=FeedsState.import_now(feed["id"]),
                      aria_label=t(locale, "news.staff.import_now") + " : " + feed["title"]),
            rx.button(t(locale, "news.staff.remove"), size="1", variant="outline",
                      color_scheme="red", on_click=FeedsState.remove(feed["id"]),
                      aria_label=t(locale, "news.staff.remove") + " : " + feed["title"]),
            spacing="2")),
    )


def _item(locale: Locale, item: rx.Var) -> rx.Component:
    return rx.el.li(rx.card(rx.vstack(
        rx.hstack(rx.text(item["source"], size="1", weight="medium"),
                  rx.text(item["when"], size="1", color="#3b4a52"), spacing="2"),
        rx.link(item["title"], href=item["link"], is_external=True,
                rel="noopener noreferrer nofollow", weight="bold"),
        rx.text(item["summary"], size="2"),
        rx.hstack(
            rx.button(t(locale, "news.staff.approve"), size="2",
                      on_click=FeedsState.review(item["id"], True),
                      aria_label=t(locale, "news.staff.approve") + " : " + item["title"]),
            rx.button(t(locale, "news.staff.reject"), size="2", variant="outline",
                      color_scheme="gray", on_click=FeedsState.review(item["id"], False),
                      aria_label=t(locale, "news.staff.reject") + " : " + item["title"]),
            spacing="2"),
        spacing="2")), style={"listStyle": "none"})


@STAFF_PAGES.page("news_feeds", slug="contenus/flux", title="news.staff.feeds.title",
                  on_load=workspace_load("content", FeedsState.load))
def feeds(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("news.staff.feed.name", "news.staff.field.locale",
                                   "news.staff.feed.checked", "news.staff.feed.pending")]
    return staff_page(
        locale, "content", t(locale, "news.staff.feeds.title"),
        rx.link(t(locale, "news.staff.back"), href=staff_url(locale, "content")),
        rx.text(t(locale, "news.staff.feeds.lead"), color="#3b4a52"),
        _errors(locale, FeedsState.error, FEED_ERRORS),
        _done(locale, FeedsState.done, FEED_DONE),
        rx.form(rx.hstack(
            labelled(t(locale, "news.staff.feed.url"), rx.input(
                name="url", id="feed-url", type="url", max_length=2000)),
            labelled(t(locale, "news.staff.feed.name"), rx.input(
                name="title", id="feed-title", max_length=200)),
            labelled(t(locale, "news.staff.field.locale"), rx.el.select(
                *[rx.el.option(code, value=code) for code in LOCALES], name="locale",
                id="feed-locale", class_name="abri-select", default_value=locale)),
            rx.button(t(locale, "news.staff.feed.add"), type="submit"),
            align="end", wrap="wrap", spacing="3", width="100%"),
            on_submit=FeedsState.add, reset_on_submit=True, width="100%",
            aria_label=t(locale, "news.staff.feed.add")),
        data_table([*head, ""], FeedsState.feeds, lambda f: _feed_row(locale, f), size="1"),
        rx.heading(t(locale, "news.staff.feeds.waiting"), as_="h2", size="5"),
        rx.cond(FeedsState.items.length() > 0,
                rx.el.ul(rx.foreach(FeedsState.items, lambda i: _item(locale, i)),
                         style={"display": "grid", "gap": "0.75rem", "padding": 0,
                                "margin": 0, "width": "100%"}),
                rx.text(t(locale, "news.staff.feeds.none_waiting"), color="#3b4a52")),
    )
