"""Opening hours: when a counsellor can answer live."""

from __future__ import annotations

from datetime import UTC, datetime, time
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
