"""The lock screen: shown instead of a page while the victim's session is locked."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from uikit.components import labelled
from victim_app.components import card, error_message
from victim_app.routes import victim_url
from victim_app.state import UnlockState, VictimState


def lock_screen(locale: Locale) -> rx.Component:
    return card(
        rx.hstack(rx.icon("lock", size=28, color="#0b6e69", aria_hidden="true"),
                  rx.heading(t(locale, "lock.title"), as_="h1", size="6"), align="center"),
        rx.cond(
            VictimState.has_pin,
            rx.form(
                rx.vstack(
                    rx.text(t(locale, "lock.lead")),
                    error_message(locale, UnlockState.error),
                    labelled(t(locale, "lock.pin_label"),
                             rx.input(name="pin", type="password", input_mode="numeric",
                                      auto_complete="off", max_length=6, size="3",
                                      id="unlock-pin", auto_focus=True)),
                    rx.button(t(locale, "lock.unlock"), type="submit", size="3"),
                    spacing="3",
                ),
                on_submit=UnlockState.unlock,
                reset_on_submit=True,
            ),
            rx.text(t(locale, "lock.no_pin")),
        ),
        rx.link(t(locale, "lock.forgot"), href=victim_url(locale, "restore"), replace=True),
    )
