"""Opening hours: when a counsellor can answer live."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from helpline.config import Settings, get_settings


def parse_hours(spec: str) -> tuple[time, time]:
    """"09:00-23:00" → (09:00, 23:00). A closing time before opening spans midnight."""
    start, _, end = spec.partition("-")
    try:
        return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
    except ValueError:
        raise ValueError(f"Opening hours must look like 09:00-23:00, not {spec!r}") from None


def open_now() -> bool:
    return is_open(get_settings(), datetime.now(UTC))


def is_open(settings: Settings, moment: datetime) -> bool:
    if settings.opening_hours.strip().lower() in ("24/7", "always"):
        return True
    opens, closes = parse_hours(settings.opening_hours)
    local = moment.astimezone(ZoneInfo(settings.timezone)).time()
    if opens <= closes:
        return opens <= local < closes
    return local >= opens or local < closes


def next_opening(settings: Settings, moment: datetime) -> datetime | None:
    """When the chat opens next (UTC), or None while it is open (or always open)."""
    if is_open(settings, moment):
        return None
    opens, _closes = parse_hours(settings.opening_hours)
    zone = ZoneInfo(settings.timezone)
    local = moment.astimezone(zone)
    for days in (0, 1):
        day = local.date() + timedelta(days=days)
        candidate = datetime.combine(day, opens, tzinfo=zone)
        if candidate > local:
            return candidate.astimezone(UTC)
    return None  # unreachable: some opening is always within a day


def reopens_at(moment: datetime | None = None) -> datetime | None:
    """When the live chat opens again, or None while it is open."""
    return next_opening(get_settings(), moment or datetime.now(UTC))
