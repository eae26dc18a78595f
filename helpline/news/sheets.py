"""Practical sheets (« fiches pratiques ») kept as files: ``<folder>/<locale>/<slug>.md``,
TOML front matter between ``+++`` lines, then the Markdown body::

    +++
    title = "On me fait du chantage"
    summary = "…"
    category = "intimate"          # one of CATEGORIES
    topics = ["blackmail", "intimate_images"]
    pair = "someone-is-blackmailing-me"   # the same sheet in the other language
    sources = [{ title = "…", url = "https://…" }]
    +++
    Markdown…

``seed-demo`` publishes every sheet found in ``helpline/demo_data/sheets``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session as DbSession

from helpline.i18n import LOCALES
from helpline.news.articles import CATEGORIES, TOPICS, upsert_article
from helpline.news.errors import NewsError

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")
_FRONT = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)


@dataclass(frozen=True)
class Sheet:
    locale: str
    slug: str
    title: str
    summary: str
    category: str
    topics: list[str]
    pair: str
    body_md: str
    sources: list[dict] = field(default_factory=list)


class SheetError(NewsError):
    """A sheet file that cannot be read: ``where`` names the file and the problem."""

    def __init__(self, where: str) -> None:
        super().__init__("sheet_invalid")
        self.where = where


def _text(meta: dict, key: str, where: str, *, required: bool = True) -> str:
    value = meta.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise SheetError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def parse_sheet(locale: str, slug: str, source: str, where: str = "") -> Sheet:
    where = where or f"{locale}/{slug}.md"
    found = _FRONT.match(source.lstrip("\ufeff"))
    if found is None:
        raise SheetError(f"{where}: no +++ front matter")
    try:
        meta = tomllib.loads(found.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise SheetError(f"{where}: {exc}") from None
    category = _text(meta, "category", where)
    if category not in CATEGORIES:
        raise SheetError(f"{where}: category {category!r} is not one of {CATEGORIES}")
    topics = meta.get("topics", [])
    if not isinstance(topics, list) or any(t not in TOPICS for t in topics):
        raise SheetError(f"{where}: topics must be a list of {TOPICS}")
    sources = meta.get("sources", [])
    if not isinstance(sources, list) or any(
            not isinstance(s, dict) or not isinstance(s.get("title"), str)
            or not isinstance(s.get("url"), str) or not s["url"].startswith("https://")
            for s in sources):
        raise SheetError(f"{where}: sources must be a list of {{title, url}} with https URLs")
    pair = _text(meta, "pair", where, required=False)
    if pair and not _SLUG.fullmatch(pair):
        raise SheetError(f"{where}: pair {pair!r} is not a slug")
    body = found.group(2).strip()
    if not body:
        raise SheetError(f"{where}: the body is empty")
    return Sheet(locale=locale, slug=slug, title=_text(meta, "title", where)[:200],
                 summary=_text(meta, "summary", where)[:500], category=category,
                 topics=list(dict.fromkeys(topics)), pair=pair, body_md=body,
                 sources=[{"title": s["title"][:200], "url": s["url"][:2000]}
                          for s in sources])


def load_sheets(folder: Path) -> list[Sheet]:
    """Every sheet under ``folder`` (``<locale>/<slug>.md``), sorted; a malformed one
    raises ``SheetError`` naming it, so nothing half-read is published."""
    sheets: list[Sheet] = []
    for locale in LOCALES:
        for path in sorted((folder / locale).glob("*.md")) if (folder / locale).is_dir() else []:
            if not _SLUG.fullmatch(path.stem):
                raise SheetError(f"{locale}/{path.name}: the file name is not a slug")
            sheets.append(parse_sheet(locale, path.stem, path.read_text("utf-8"),
                                      f"{locale}/{path.name}"))
    return sheets


def import_sheets(db: DbSession, folder: Path) -> int:
    """Publish every sheet of ``folder`` (again: a changed file replaces its sheet)."""
    sheets = load_sheets(folder)
    for sheet in sheets:
        upsert_article(db, locale=sheet.locale, slug=sheet.slug, title=sheet.title,
                       summary=sheet.summary, body_md=sheet.body_md, kind="sheet",
                       category=sheet.category, topics=sheet.topics, pair=sheet.pair,
                       sources=sheet.sources)
    return len(sheets)
