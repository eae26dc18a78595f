"""Readable words for the keys the helpline stores (topics, risk flags, roles, audit
actions and objects), in the staff member's language."""

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


def roles(locale: Locale, keys: Iterable[str]) -> str:
    return ", ".join(_word(locale, "staff.role", k) for k in keys)


def action(locale: Locale, key: str) -> str:
    return _word(locale, "audit.action", key)


def audit_object(locale: Locale, kind: str, object_id: str, name: str = "") -> str:
    """« Membre de l'équipe : Camille » rather than « staff 5 »."""
    if not kind:
        return ""
    word = _word(locale, "audit.object", kind)
    shown = name or object_id
    return f"{word} : {shown}" if shown and locale == "fr" else \
        f"{word}: {shown}" if shown else word
