"""Victim URLs: French at the root, English under /en (same slugs). The pages
themselves declare their rows (``VICTIM_PAGES.page``) where they are built."""

from __future__ import annotations

from helpline.i18n import Locale
from uikit.pages import PageRegistry
from victim_app.state import VictimState

VICTIM_PAGES = PageRegistry({"fr": "", "en": "/en"})


def victim_url(locale: Locale, page: str = "home") -> str:
    return VICTIM_PAGES.url(locale, page)


def rebuild_who(_locale: Locale) -> list:
    """The on_load of most pages: who the victim is, from the session cookie."""
    return [VictimState.hydrate]
