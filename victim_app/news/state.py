"""« Infos »: the entry points and their sheets, the feed a page at a time, the sheets'
search, and an article's page. The feed and the article are read for the victim of the
session (the feed keeps the date of the last visit); what was read is never kept."""

from __future__ import annotations

from datetime import datetime

from helpline import news
from helpline.db import session_scope
from helpline.i18n import LOCALES, Locale
from helpline.text import InputError, client_string
from victim_app.state import VictimState, current_victim, victim_event

_MONTHS = {"fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                  "oct.", "nov.", "déc."),
           "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")}


def _locale(value: object) -> Locale:
    return value if value in LOCALES else "fr"  # type: ignore[return-value]


def _token(value: object, max_chars: int = 64) -> str:
    """A choice the page sends (a topic, a category, a slug); anything else is none."""
    try:
        return client_string(value, max_chars)
    except InputError:
        return ""


def day(locale: Locale, moment: datetime | None) -> str:
    return f"{moment.day} {_MONTHS[locale][moment.month - 1]} {moment.year}" if moment else ""


def _card(locale: Locale, card: news.Card) -> dict[str, str]:
    return {"kind": card.kind, "slug": card.slug, "link": card.link, "title": card.title,
            "summary": card.summary, "category": card.category, "source": card.source,
            "day": day(locale, card.published_at), "new": "1" if card.new else ""}


class InfoState(VictimState):
    """The feed page: what the visit shows, and the search's answers."""

    topic: str = ""
    sheets: list[dict[str, str]] = []
    category: str = ""
    cards: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    new_count: int = 0
    query: str = ""
    results: list[dict[str, str]] = []
    searched: bool = False
    _locale: str = "fr"
    _since: datetime | None = None  # the previous visit: pages after the first keep it

    def _read(self, *, fresh: bool = False) -> None:
        locale = _locale(self._locale)
        with session_scope() as db:
            view = news.victim_feed(db, current_victim(), locale, topic=self.topic,
                                    category=self.category, page=self.page,
                                    since=None if fresh else self._since)
        self._since = view.since
        self.topic, self.category, self.page, self.pages = (view.topic, view.category,
                                                            view.page, view.pages)
        self.sheets = [_card(locale, c) for c in view.sheets]
        self.cards = [_card(locale, c) for c in view.cards]
        if fresh:
            self.new_count = view.new_count

    @victim_event
    def load(self, locale: str) -> None:
        """A visit: the page from the top, its « nouveau » counted from the last one."""
        self._show(current_victim())
        self._locale = _locale(locale)
        self.topic, self.category, self.page = "", "", 1
        self.query, self.results, self.searched = "", [], False
        self._read(fresh=True)

    @victim_event
    def pick_topic(self, topic: str) -> None:
        chosen = _token(topic)
        self.topic = "" if chosen == self.topic else chosen  # a second press closes it
        self._read()

    @victim_event
    def pick_category(self, category: str) -> None:
        self.category, self.page = _token(category), 1
        self._read()

    @victim_event
    def go_to_page(self, page: int) -> None:
        self.page = page if isinstance(page, int) else 1
        self._read()

    @victim_event
    def search(self, form: dict) -> None:
        locale = _locale(self._locale)
        try:
            self.query = client_string(form.get("q") if isinstance(form, dict) else "", 200,
                                       token=False)
        except InputError:
            self.query = ""
        with session_scope() as db:
            found = news.search_sheets(db, locale, self.query)
        self.results = [{"slug": a.slug, "title": a.title, "summary": a.summary}
                        for a in found]
        self.searched = bool(self.query.strip())


class ArticleState(VictimState):
    """One article or sheet (``?a=<slug>``), rendered from its sanitised HTML."""

    found: bool = True
    slug: str = ""
    title: str = ""
    summary: str = ""
    body_html: str = ""  # sanitised on save (helpline.news.markdown)
    day: str = ""
    sources: list[dict[str, str]] = []
    pair_slug: str = ""
    image_id: str = ""

    @victim_event
    def load(self, locale: str) -> None:
        self._show(current_victim())
        locale = _locale(locale)
        slug = _token(self.router.url.query_parameters.get("a", ""), 120)
        with session_scope() as db:
            shown = news.article_view(db, locale, slug) if slug else None
        self.found = shown is not None
        if shown is None:
            self.slug = self.title = self.summary = self.body_html = self.day = ""
            self.sources, self.pair_slug, self.image_id = [], "", ""
            return
        article = shown.article
        self.slug, self.title, self.summary = article.slug, article.title, article.summary
        self.body_html, self.day = article.body_html, day(locale, article.published_at)
        self.sources = [{"title": s["title"], "url": s["url"]} for s in article.sources]
        self.pair_slug, self.image_id = shown.pair_slug, article.image_id or ""
