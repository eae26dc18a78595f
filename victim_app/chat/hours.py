"""Whether the live chat is open, said first: on the home card and at the top of
« Parler », before any question, with when it reopens and what to do now."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from helpline import clock
from helpline.chat.hours import reopens_at
from helpline.config import get_settings
from helpline.i18n import Locale, t
from uikit.access import public


class HoursState(rx.State):
    """Public: opening hours are no secret."""

    closed: bool = False
    reopens: str = ""  # « 09:00 », on the viewer's clock
    tomorrow: bool = False

    @public
    def load(self) -> None:
        opens = reopens_at()
        self.closed = opens is not None
        if opens is not None:
            today = clock.local(datetime.now(UTC)).date()
            self.reopens, self.tomorrow = clock.hm(opens), clock.local(opens).date() > today


def closed_notice(locale: Locale, *, brief: bool = False) -> rx.Component:
    """« Le chat est fermé » with when it reopens; ``brief`` for the home card."""
    hours = getattr(get_settings(), f"helpline_hours_{locale}")
    reopening = rx.text(rx.cond(HoursState.tomorrow, t(locale, "hours.reopens_tomorrow"),
                                t(locale, "hours.reopens_today")),
                        " ", HoursState.reopens, ".", weight="medium")
    details = [] if brief else [
        rx.el.ul(
            rx.el.li(t(locale, "hours.leave_message")),
            rx.el.li(t(locale, "hours.phone", hours=hours)),
            rx.el.li(rx.text.strong(t(locale, "hours.danger"))),
            style={"margin": "0.25rem 0 0", "paddingInlineStart": "1.25rem"},
        )]
    return rx.cond(
        HoursState.closed,
        rx.callout.root(
            rx.callout.icon(rx.icon("moon", aria_hidden="true")),
            rx.box(rx.text(t(locale, "hours.closed"), weight="bold"), reopening, *details),
            color_scheme="indigo", variant="surface", width="100%", id="chat-closed",
            role="status"),
    )
