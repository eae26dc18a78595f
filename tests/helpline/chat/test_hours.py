from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from helpline.chat.hours import is_open, next_opening, parse_hours
from helpline.config import Settings, get_settings

PARIS = ZoneInfo("Europe/Paris")


def _settings(hours: str, timezone: str = "Europe/Paris") -> Settings:
    return get_settings().model_copy(update={"opening_hours": hours, "timezone": timezone})


def _paris(day: str, hh_mm: str) -> datetime:
    """A moment given as Paris wall-clock time, handed over in UTC as the app does."""
    local = datetime.fromisoformat(f"{day}T{hh_mm}").replace(tzinfo=PARIS)
    return local.astimezone(UTC)


@pytest.mark.parametrize(("spec", "expected"), [
    ("09:00-23:00", (time(9), time(23))),
    (" 22:00 - 06:00 ", (time(22), time(6))),
    ("08:30-17:45", (time(8, 30), time(17, 45))),
])
def test_parse_hours(spec, expected) -> None:
    assert parse_hours(spec) == expected


@pytest.mark.parametrize("spec", ["", "09:00", "9h-23h", "09:00-25:00", "09:00_23:00",
                                  "tous les jours"])
def test_a_malformed_spec_says_what_is_expected(spec) -> None:
    with pytest.raises(ValueError, match=r"^Opening hours must look like 09:00-23:00, not ") as err:
        parse_hours(spec)
    assert repr(spec) in str(err.value)


@pytest.mark.parametrize("day", ["2026-01-15", "2026-07-15"])  # winter and summer time
@pytest.mark.parametrize(("hh_mm", "open_"), [
    ("08:59", False), ("09:00", True), ("13:00", True), ("22:59", True), ("23:00", False),
    ("03:00", False),
])
def test_is_open_in_local_time(data_dir, day, hh_mm, open_) -> None:
    assert is_open(_settings("09:00-23:00"), _paris(day, hh_mm)) is open_


@pytest.mark.parametrize(("hh_mm", "open_"), [
    ("21:59", False), ("22:00", True), ("23:30", True), ("00:00", True), ("03:00", True),
    ("05:59", True), ("06:00", False), ("12:00", False),
])
def test_hours_spanning_midnight(data_dir, hh_mm, open_) -> None:
    assert is_open(_settings("22:00-06:00"), _paris("2026-03-10", hh_mm)) is open_


def test_the_configured_timezone_is_used(data_dir) -> None:
    moment = datetime(2026, 1, 15, 14, 0, tzinfo=UTC)  # 15:00 in Paris, 09:00 in New York
    assert is_open(_settings("10:00-18:00"), moment)
    assert not is_open(_settings("10:00-18:00", "America/New_York"), moment)


def test_settings_come_from_the_environment(data_dir, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_OPENING_HOURS", "22:00-06:00")
    get_settings.cache_clear()
    assert is_open(get_settings(), _paris("2026-03-10", "03:00"))
    monkeypatch.setenv("ABRI_OPENING_HOURS", "nuit")
    get_settings.cache_clear()
    with pytest.raises(ValueError, match="Opening hours must look like"):
        is_open(get_settings(), _paris("2026-03-10", "03:00"))


@pytest.mark.parametrize(("hours", "now_paris", "opens_paris"), [
    ("09:00-23:00", "2026-12-02T23:30", "2026-12-03T09:00"),  # late evening: tomorrow
    ("09:00-23:00", "2026-12-03T01:08", "2026-12-03T09:00"),  # the small hours: today
    ("09:00-23:00", "2026-12-03T12:00", None),  # open
    ("22:00-02:00", "2026-12-03T03:00", "2026-12-03T22:00"),  # spans midnight
    ("24/7", "2026-12-03T03:00", None),
])
def test_when_the_chat_opens_next(hours, now_paris, opens_paris) -> None:
    paris = ZoneInfo("Europe/Paris")
    now = datetime.fromisoformat(now_paris).replace(tzinfo=paris)
    opens = next_opening(_settings(hours), now)
    expected = datetime.fromisoformat(opens_paris).replace(tzinfo=paris) if opens_paris else None
    assert opens == expected
