"""The victim surface, mounted at / (French) and /en (English)."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import LOCALES, t
from victim_app.chat.page import talk
from victim_app.chat.state import ChatState
from victim_app.pages.account import erased, restore
from victim_app.pages.home import home
from victim_app.pages.info import info
from victim_app.pages.sections import quiz, safe
from victim_app.pages.space import space
from victim_app.routes import victim_url
from victim_app.state import InfoState, RestoreState, SpaceState, VictimState

_PAGES = {"home": home, "talk": talk, "safe": safe, "quiz": quiz, "info": info,
          "space": space, "restore": restore, "erased": erased}
_TITLES = {"home": "app.tagline", "talk": "talk.title", "safe": "safe.title",
           "quiz": "quiz.title", "info": "info.title", "space": "space.title",
           "restore": "restore.title", "erased": "erased.title"}


def _on_load(key: str, locale: str) -> list:
    """Every page rebuilds who the victim is, except the two that must not create
    an account: coming back with a code, and the goodbye after erasure."""
    if key == "restore":
        return [RestoreState.load]
    if key == "erased":
        return []
    if key == "space":
        return [SpaceState.load]
    if key == "talk":
        return [ChatState.load]
    extra = [InfoState.load(locale)] if key == "info" else []
    return [VictimState.hydrate, *extra]


def register(app: rx.App) -> None:
    for locale in LOCALES:
        for key, build in _PAGES.items():
            app.add_page(
                build(locale),
                route=victim_url(locale, key),
                title=f"Abri · {t(locale, _TITLES[key])}",
                on_load=_on_load(key, locale),
            )
