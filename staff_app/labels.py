"""Readable words for the keys conversations store (topics, risk flags), in the
console's language."""

from __future__ import annotations

from collections.abc import Iterable

from helpline.i18n import Locale, catalog


def _word(locale: Locale, prefix: str, key: str) -> str:
    # Supervisors may add risk rules with labels of their own: those have no
    # translation and show as written, underscores as spaces.
    return catalog(locale).get(f"{prefix}.{key}") or key.replace("_", " ")


def topics(locale: Locale, keys: Iterable[str]) -> str:
    return ", ".join(_word(locale, "chat.topic", k) for k in keys)


def flags(locale: Locale, keys: Iterable[str]) -> str:
    return ", ".join(_word(locale, "risk.flag", k) for k in keys)
