"""The one translation catalog for every UI string (French first, English second).

Surfaces look strings up at compile time, one page per locale, so a translation
costs no state and no round trip. ``{name}`` placeholders are filled from the
helpline's configuration (number, hours …) by ``t``.

A locale's catalog is ``<locale>.json`` plus one file per area in ``<locale>/``
(``fr/quiz.json`` …), so that areas grow without editing one shared file; a key
defined twice is a bug and raises.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

Locale = Literal["fr", "en"]
LOCALES: tuple[Locale, ...] = ("fr", "en")
DEFAULT_LOCALE: Locale = "fr"


@cache
def catalog(locale: Locale) -> dict[str, str]:
    here = resources.files(__name__)
    words: dict[str, str] = json.loads(here.joinpath(f"{locale}.json").read_text("utf-8"))
    area_dir = here.joinpath(locale)
    areas = sorted((f for f in area_dir.iterdir() if f.name.endswith(".json")),
                   key=lambda f: f.name) if area_dir.is_dir() else []
    for area in areas:
        more: dict[str, str] = json.loads(area.read_text("utf-8"))
        twice = words.keys() & more.keys()
        if twice:
            raise ValueError(f"{locale}/{area.name} defines {sorted(twice)} again")
        words.update(more)
    return words


def _helpline_values() -> dict[str, str]:
    from helpline.config import get_settings

    s = get_settings()
    return {
        "helpline": s.helpline_name,
        "phone": s.helpline_phone,
        "emergency": s.emergency_phone,
        "child_phone": s.child_protection_phone,
    }


def t(locale: Locale, key: str, **values: str) -> str:
    """The text for ``key``; a missing key is a bug, so it raises."""
    text = catalog(locale)[key]
    if "{" in text:
        text = text.format(**{**_helpline_values(), **values})
    return text


def other_locale(locale: Locale) -> Locale:
    return "en" if locale == "fr" else "fr"
