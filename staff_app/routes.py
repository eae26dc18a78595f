"""Staff URLs: /staff (French) and /staff/en (English)."""

from __future__ import annotations

from helpline.i18n import Locale

PAGES: dict[str, str] = {
    "console": "",
    "cases": "dossiers",
    "takedowns": "retraits",
    "content": "contenus",
    "admin": "admin",
    "security": "securite",
    "login": "login",
}
NAV_ORDER = ("console", "cases", "takedowns", "content", "admin", "security")
NAV_ICONS = {"console": "messages-square", "cases": "folder-open", "takedowns": "shield-x",
             "content": "file-pen", "admin": "settings", "security": "shield-check"}


def staff_url(locale: Locale, page: str = "console") -> str:
    base = "/staff/en" if locale == "en" else "/staff"
    slug = PAGES[page]
    return f"{base}/{slug}" if slug else base
