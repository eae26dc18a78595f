"""Contenus: supervisors (and admins) write articles and sheets, preview them as young
people will see them, publish now or later; add partners' feeds, import them and approve
what they bring."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import reflex as rx

from helpline import news
from helpline.config import get_settings
from helpline.jobs import forget, outcome
from helpline.jobs.news import queue_import
from helpline.text import InputError, client_string
from staff_app.state import StaffState, current_staff, staff_event
from uikit.attempt import REFUSED, attempt

IMPORT_WAIT_SECONDS = 10.0  # « Importer maintenant » waits this long for the job, then says so


def _local(moment: datetime | None) -> str:
    """A moment as the helpline's clock shows it (a datetime-local value)."""
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(get_settings().timezone)).strftime("%Y-%m-%dT%H:%M")


def _article_row(article: news.ArticlePublic) -> dict[str, str]:
    return {"id": str(article.id), "title": article.title, "summary": article.summary,
            "body": article.body_md, "category": article.category, "locale": article.locale,
            "kind": article.kind, "status": article.status, "slug": article.slug,
            "when": _local(article.published_at).replace("T", " "),
            "at": _local(article.published_at) if article.status == "scheduled" else ""}


def _token(value: object) -> str:
    try:
        return client_string(value)
    except InputError:
        return ""


def _number(value: object) -> int:
    try:
        text = client_string(str(value) if isinstance(value, int) else value, 12)
    except InputError:
        return -1
    return int(text) if text.isdigit() else -1


class ArticlesState(StaffState):
    articles: list[dict[str, str]] = []
    error: str = ""
    done: str = ""  # "saved", "deleted": said once
    editing: dict[str, str] = {}  # the article in the form; empty for a new one
    form_key: int = 0  # changes to re-mount the form with the article being edited
    preview_html: str = ""  # sanitised by helpline.news.preview
    image_outcome: str = ""  # how the picture's upload went (the route's ?image=)
    _draft_body: str = ""

    def _load(self) -> None:
        def read(db):
            return news.staff_articles(db, current_staff())

        listed = attempt(self, read, news.NewsError)
        self.articles = [] if listed is REFUSED else [_article_row(a) for a in listed]

    @staff_event(*news.WRITERS)
    def load(self) -> None:
        self.error, self.done, self.preview_html, self.editing = "", "", "", {}
        self._draft_body = ""
        self.image_outcome = _token(self.router.url.query_parameters.get("image", ""))
        self._load()

    @staff_event(*news.WRITERS)
    def keep_body(self, body: str) -> None:
        """The body as typed so far (on leaving the field), for the preview."""
        try:
            self._draft_body = client_string(body, news.forms.BODY_MAX, token=False)
        except InputError as refused:
            self.error = refused.code

    @staff_event(*news.WRITERS)
    def show_preview(self) -> None:
        shown = attempt(self, lambda _db: news.preview(current_staff(), self._draft_body),
                        news.NewsError)
        self.preview_html = "" if shown is REFUSED else shown

    @staff_event(*news.WRITERS)
    def save(self, form: dict) -> None:
        editing = self.editing.get("id", "")
        self.done = ""

        def save(db):
            return news.save_article(db, current_staff(), news.ArticleForm.from_form(form),
                                     article_id=int(editing) if editing.isdigit() else None)

        if attempt(self, save, news.NewsError) is REFUSED:
            return
        self.done, self.editing, self.preview_html, self._draft_body = "saved", {}, "", ""
        self.form_key += 1
        self._load()

    @staff_event(*news.WRITERS)
    def edit(self, article_id: str):
        found = [a for a in self.articles if a["id"] == str(article_id)]
        self.editing = found[0] if found else {}
        self._draft_body = self.editing.get("body", "")
        self.error = "" if found else "not_found"
        self.done, self.preview_html = "", ""
        self.form_key += 1
        return rx.set_focus("article-title") if found else None

    @staff_event(*news.WRITERS)
    def new(self) -> None:
        self.editing, self.error, self.done, self.preview_html = {}, "", "", ""
        self._draft_body = ""
        self.form_key += 1

    @staff_event(*news.WRITERS)
    def delete(self, article_id: str) -> None:
        target = _number(article_id)
        if attempt(self, lambda db: news.delete_article(db, current_staff(), target),
                   news.NewsError) is REFUSED:
            return
        self.done, self.editing = "deleted", {}
        self.form_key += 1
        self._load()


def _feed_row(feed: news.FeedPublic) -> dict[str, str]:
    return {"id": str(feed.id), "title": feed.title, "url": feed.url, "locale": feed.locale,
            "checked": _local(feed.checked_at).replace("T", " "),
            "status": str(feed.last_status or ""), "code": feed.last_code,
            "pending": str(feed.pending)}


def _item_row(item: news.FeedItemPublic) -> dict[str, str]:
    return {"id": str(item.id), "title": item.title, "summary": item.summary,
            "link": item.link, "source": item.source,
            "when": _local(item.published_at).replace("T", " ")}


class FeedsState(StaffState):
    feeds: list[dict[str, str]] = []
    items: list[dict[str, str]] = []  # waiting for approval
    error: str = ""
    done: str = ""  # "added", "imported", "import_pending", "approved", "rejected", "removed"

    def _load(self) -> None:
        def read(db):
            staff = current_staff()
            return news.staff_feeds(db, staff), news.pending_items(db, staff)

        found = attempt(self, read, news.NewsError)
        if found is not REFUSED:
            feeds, items = found
            self.feeds = [_feed_row(f) for f in feeds]
            self.items = [_item_row(i) for i in items]

    @staff_event(*news.WRITERS)
    def load(self) -> None:
        self.error, self.done = "", ""
        self._load()

    @staff_event(*news.WRITERS)
    def add(self, form: dict) -> None:
        self.done = ""
        if attempt(self, lambda db: news.add_feed(db, current_staff(),
                                                  news.FeedForm.from_form(form)),
                   news.NewsError) is REFUSED:
            return
        self.done = "added"
        self._load()

    @staff_event(*news.WRITERS)
    async def import_now(self, feed_id: str) -> None:
        """Queue the feed's import and wait a little for it, so the page shows what came."""
        self.done = ""
        target = _number(feed_id)
        if attempt(self, lambda db: news.feed_for_import(db, current_staff(), target),
                   news.NewsError) is REFUSED:
            return
        job = queue_import(target)
        waited = 0.0
        while outcome(job).state == "pending" and waited < IMPORT_WAIT_SECONDS:
            await asyncio.sleep(0.2)
            waited += 0.2
        self.done = "imported" if outcome(job).state != "pending" else "import_pending"
        if self.done == "imported":
            forget(job)
        self._load()

    @staff_event(*news.WRITERS)
    def review(self, item_id: str, approve: bool) -> None:
        target = _number(item_id)
        if attempt(self, lambda db: news.review_item(db, current_staff(), target,
                                                     approve=approve is True),
                   news.NewsError) is REFUSED:
            return
        self.done = "approved" if approve is True else "rejected"
        self._load()

    @staff_event(*news.WRITERS)
    def remove(self, feed_id: str) -> None:
        target = _number(feed_id)
        if attempt(self, lambda db: news.remove_feed(db, current_staff(), target),
                   news.NewsError) is REFUSED:
            return
        self.done = "removed"
        self._load()
