"""Home: a warm welcome and the four ways Abri helps."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from victim_app.chat.hours import HoursState, closed_notice
from victim_app.components import card, danger_notice, safety_notice
from victim_app.layout import titled_page
from victim_app.routes import VICTIM_PAGES, rebuild_who, victim_url
from victim_app.state import VictimState


def _destination(locale: Locale, key: str, icon: str) -> rx.Component:
    return rx.link(
        card(
            rx.hstack(
                rx.icon(icon, size=28, color="#0b6e69", aria_hidden="true"),
                rx.heading(t(locale, f"home.{key}.title"), as_="h2", size="5"),
                align="center",
                spacing="3",
            ),
            rx.text(t(locale, f"home.{key}.body"), color="#3b4a52"),
            closed_notice(locale, brief=True) if key == "chat" else rx.fragment(),
        ),
        href=victim_url(locale, key),
        replace=True,
        underline="none",
        color="inherit",
        width="100%",
    )


@VICTIM_PAGES.page("home", slug="", title="app.tagline",
                   on_load=lambda locale: [*rebuild_who(locale), HoursState.load])
def home(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "home",
        rx.cond(
            VictimState.ready & ~VictimState.has_code,
            rx.callout(
                rx.text(t(locale, "code.banner"), " ",
                        rx.link(t(locale, "code.banner_link"), href=victim_url(locale, "space"),
                                replace=True, weight="bold")),
                icon="key-round", color_scheme="teal", variant="surface", width="100%"),
        ),
        rx.grid(*[_destination(locale, row.key, row.icon) for row in VICTIM_PAGES.navigation()],
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        danger_notice(locale),
        safety_notice(locale),
    )
