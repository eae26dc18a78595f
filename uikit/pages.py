"""One page registry per surface: routes, navigation and titles derive from its rows.

A page is one row, declared where the page is built::

    @VICTIM_PAGES.page("space", slug="espace", title="space.title",
                       on_load=lambda locale: [SpaceState.load])
    def space(locale): ...

URLs are asked for while pages are built (after every page module is imported), so a
link may name a page declared in a module imported later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from helpline.i18n import LOCALES, Locale, t

Build = Callable[..., rx.Component]


@dataclass(frozen=True)
class PageRow:
    key: str
    slug: dict[str, str]  # per locale
    title: str  # catalog key
    build: Build
    on_load: Callable[[Locale], list] = lambda _locale: []
    icon: str = ""
    nav: int = 0  # position in the surface's navigation; 0: not in it
    extra: dict[str, Any] = field(default_factory=dict)


class PageRegistry:
    def __init__(self, prefix: dict[str, str], *, app_title: str = "Abri") -> None:
        self.prefix, self.app_title = prefix, app_title
        self.rows: dict[str, PageRow] = {}

    def page(self, key: str, *, slug: str | dict[str, str], title: str,
             on_load: Callable[[Locale], list] | None = None, icon: str = "", nav: int = 0,
             **extra: Any) -> Callable[[Build], Build]:
        slugs = {locale: slug for locale in LOCALES} if isinstance(slug, str) else slug

        def declare(build: Build) -> Build:
            if key in self.rows:
                raise ValueError(f"page {key!r} is declared twice")
            self.rows[key] = PageRow(key, slugs, title, build, on_load or (lambda _l: []),
                                     icon, nav, extra)
            return build

        return declare

    def url(self, locale: Locale, key: str) -> str:
        slug = self.rows[key].slug[locale]
        prefix = self.prefix[locale]
        return f"{prefix}/{slug}" if slug else (prefix or "/")

    def navigation(self) -> list[PageRow]:
        return sorted((r for r in self.rows.values() if r.nav), key=lambda r: r.nav)

    def title(self, locale: Locale, key: str) -> str:
        return f"{self.app_title} · {t(locale, self.rows[key].title)}"

    def register(self, app: rx.App) -> None:
        for locale in LOCALES:
            for row in self.rows.values():
                app.add_page(row.build(locale), route=self.url(locale, row.key),
                             title=self.title(locale, row.key), on_load=row.on_load(locale))
