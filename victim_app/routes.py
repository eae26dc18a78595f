"""Victim URLs: French at the root, English under /en (same slugs)."""

from __future__ import annotations

from helpline.i18n import Locale

PAGES: dict[str, str] = {
    "home": "",
    "talk": "parler",
    "safe": "coffre-fort",
    "quiz": "quiz",
    "info": "infos",
    "space": "espace",
    "restore": "retrouver",
    "erased": "au-revoir",
}
NAV_ORDER = ("talk", "safe", "quiz", "info")


def victim_url(locale: Locale, page: str = "home") -> str:
    slug = PAGES[page]
    prefix = "/en" if locale == "en" else ""
    return f"{prefix}/{slug}" if slug else (prefix or "/")
