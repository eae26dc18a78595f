"""Every time shown is the one the viewer's own clock showed, whatever the helpline's
zone: a young person in Buenos Aires and a counsellor in Tokyo each read their own."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import Console, TalkPage


def _clock_times(zone: str) -> list[str]:
    """HH:MM in that zone now, and a minute either side (the minute may turn)."""
    now = datetime.now(ZoneInfo(zone))
    return [f"{now + timedelta(minutes=d):%H:%M}" for d in (-1, 0, 1)]


def _shows_one_of(locator, times: list[str]) -> None:
    expect(locator).to_be_visible()
    text = locator.inner_text()
    assert any(hm in text for hm in times), (text, times)


def test_times_are_in_the_viewers_own_zone(browser, app_url, quiet_helpline) -> None:
    helpline = _clock_times("Europe/Paris")  # ABRI_TIMEZONE's default
    young = browser.new_context(viewport=PHONE, timezone_id="America/Argentina/Buenos_Aires")
    page = young.new_page()
    TalkPage(page, app_url).start("il est tard ici")
    mine = page.locator("[data-sender=victim]").filter(has_text="il est tard ici")
    _shows_one_of(mine, _clock_times("America/Argentina/Buenos_Aires"))
    assert not any(hm in mine.inner_text() for hm in helpline)

    staff_ctx, staff = Console.signed_in(browser, app_url, "ecoutante@abri.example",
                                         timezone_id="Asia/Tokyo")
    staff.take_next()
    theirs = staff.locator("[data-sender=victim]").filter(has_text="il est tard ici")
    _shows_one_of(theirs, _clock_times("Asia/Tokyo"))
    assert not any(hm in theirs.inner_text() for hm in helpline)
    staff.reply("Je suis là.")
    answer = page.locator("[data-sender=staff]").filter(has_text="Je suis là.")
    _shows_one_of(answer, _clock_times("America/Argentina/Buenos_Aires"))
    staff_ctx.close()
    young.close()
