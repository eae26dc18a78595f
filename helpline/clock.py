"""Times as the person looking at them reads them: in their own time zone.

Everything is stored in UTC. A page shows a moment in the viewer's zone (their
browser's, which the pages send as the ``abri_tz`` cookie), or in the helpline's when
it is not known; the surfaces set it for the length of one event (``viewing_from``).
"""

from __future__ import annotations

import re
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from helpline.config import get_settings

ZONE_COOKIE = "abri_tz"
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-/]{0,63}")
_viewer: ContextVar[ZoneInfo | None] = ContextVar("abri_viewer_zone", default=None)


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_named(name: str | None) -> ZoneInfo | None:
    """The zone of that IANA name, or None for anything else (it comes from a browser)."""
    if not name or not _ZONE_NAME.fullmatch(name) or name not in _known():
        return None
    return ZoneInfo(name)


def viewing_from(name: str | None) -> Token:
    """Show times in that zone until ``reset``; an unknown name means the helpline's."""
    return _viewer.set(zone_named(name))


def reset(token: Token) -> None:
    _viewer.reset(token)


def zone() -> ZoneInfo:
    return _viewer.get() or ZoneInfo(get_settings().timezone)


def local(value: datetime) -> datetime:
    """A stored moment (naive means UTC) in the viewer's zone."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone())


def hm(value: datetime) -> str:
    """« 01:08 »: the hour and minute the viewer's own clock showed."""
    return f"{local(value):%H:%M}"
