"""A plain-text transcript a victim may download of their own conversation.

Only what the victim saw in the chat: never internal notes, never staff-only data
(wrap-up note, outcome, risk flags). Counsellors appear by first name only and the
file name carries nothing but the date.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel

from helpline import clock
from helpline.chat.access import for_victim
from helpline.chat.messages import history
from helpline.i18n import DEFAULT_LOCALE, LOCALES, Locale, t
from helpline.identity.victims import VictimPrincipal
from helpline.models import SenderKind
from helpline.models._common import aware

INDENT = " " * len("[00:00] ")  # continuation lines sit under the message text


class Transcript(SQLModel):
    filename: str
    text: str  # UTF-8 plain text, "\n" line endings


def transcript(db: DbSession, victim: VictimPrincipal, conversation_id: str,
               locale: str = "fr") -> Transcript:
    """The conversation as text. Raises ChatError("locked"/"not_found") like the chat."""
    row = for_victim(db, victim, conversation_id)
    lang: Locale = locale if locale in LOCALES else DEFAULT_LOCALE  # type: ignore[assignment]
    zone = clock.zone()  # the reader's own clock
    started = aware(row.created_at).astimezone(zone)
    lines = [
        _safe(t(lang, "app.name")),
        _safe(t(lang, "transcript.title", date=_day(lang, started.date()))),
        _safe(t(lang, "transcript.notice")),
        "",
    ]
    day = started.date()
    for message in history(db, row, include_internal=False):
        if message.internal:  # history already leaves them out; never rely on one check
            continue
        at = message.at.astimezone(zone)
        if at.date() != day:  # a message left at night and answered the next morning
            day = at.date()
            lines.append(f"— {_day(lang, day)} —")
        body = [_safe(part) for part in message.text.splitlines()] or [""]
        lines.append(f"[{at:%H:%M}] {_speaker(lang, message.sender, message.sender_name)}: "
                     f"{body[0]}".rstrip())
        lines.extend((INDENT + part).rstrip() for part in body[1:])
    return Transcript(filename=f"abri-conversation-{started.date().isoformat()}.txt",
                      text="\n".join(lines) + "\n")


def _speaker(locale: Locale, sender: str, name: str) -> str:
    if sender == SenderKind.victim:
        return t(locale, "chat.you")
    if sender == SenderKind.staff:
        first = _safe(name).split()
        return first[0] if first else t(locale, "transcript.counsellor")
    return t(locale, "app.name")  # system messages speak for the helpline


def _day(locale: Locale, day: date) -> str:
    return t(locale, "transcript.date", day=f"{day.day:02d}", month=f"{day.month:02d}",
             year=str(day.year))


def _safe(text: str) -> str:
    """One line of text: no line breaks (callers split on them first), no control or
    format characters that could move the layout (bidi overrides…), tabs as spaces.
    Zero-width joiners stay: they build emoji."""
    return "".join(
        " " if c == "\t" or unicodedata.category(c) in ("Zl", "Zp") else c
        for c in text
        if c == "\t" or c == "\u200d"
        or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
    )
