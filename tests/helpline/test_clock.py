from datetime import UTC, datetime

import pytest

from helpline import clock

MOMENT = datetime(2026, 12, 2, 0, 8, tzinfo=UTC)


def test_without_a_viewer_zone_the_helpline_zone_is_used(monkeypatch) -> None:
    assert clock.hm(MOMENT) == "01:08"  # Europe/Paris, the default
    monkeypatch.setenv("ABRI_TIMEZONE", "America/New_York")
    from helpline.config import get_settings
    get_settings.cache_clear()
    try:
        assert clock.hm(MOMENT.replace(tzinfo=None)) == "19:08"  # naive means UTC
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_the_viewer_zone_wins_for_the_length_of_one_event() -> None:
    token = clock.viewing_from("Asia/Tokyo")
    try:
        assert clock.hm(MOMENT) == "09:08"
        assert clock.local(MOMENT).utcoffset().total_seconds() == 9 * 3600
    finally:
        clock.reset(token)
    assert clock.hm(MOMENT) == "01:08"


@pytest.mark.parametrize("name", ["", None, "Mars/Olympus", "../../etc/passwd", "UTC; x=1",
                                  "Europe/Paris\n", "a" * 80])
def test_a_zone_name_from_a_browser_is_checked(name) -> None:
    assert clock.zone_named(name) is None
    token = clock.viewing_from(name)
    try:
        assert clock.hm(MOMENT) == "01:08"
    finally:
        clock.reset(token)
