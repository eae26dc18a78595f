"""The victim surface, mounted at / (French) and /en (English)."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import LOCALES, t
from victim_app.pages.home import home
from victim_app.pages.info import info
from victim_app.pages.sections import quiz, safe, talk
from victim_app.routes import victim_url
from victim_app.state import InfoState

_PAGES = {"home": home, "talk": talk, "safe": safe, "quiz": quiz, "info": info}
_TITLES = {"home": "app.tagline", "talk": "talk.title", "safe": "safe.title",
           "quiz": "quiz.title", "info": "info.title"}


def register(app: rx.App) -> None:
    for locale in LOCALES:
        for key, build in _PAGES.items():
            app.add_page(
                build(locale),
                route=victim_url(locale, key),
                title=f"Abri · {t(locale, _TITLES[key])}",
                on_load=InfoState.load(locale) if key == "info" else None,
            )
