"""Mon espace: recovery code, PIN, what counsellors may know, lock, erase."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, t
from helpline.models import AgeBand
from uikit.components import labelled
from victim_app.components import (
    card,
    error_message,
    notice_message,
    page_title,
    safety_notice,
)
from victim_app.layout import victim_page
from victim_app.state import SpaceState

NOTICES = ("code.confirmed", "pin.saved", "pin.removed", "profile.saved")


def _code_card(locale: Locale) -> rx.Component:
    show_new = rx.vstack(
        rx.callout(t(locale, "code.shown_once"), icon="pencil", color_scheme="amber",
                   width="100%"),
        rx.code(SpaceState.shown_code, size="6", id="recovery-code",
                style={"wordBreak": "break-word", "padding": "0.75rem", "display": "block"}),
        rx.form(
            rx.vstack(
                labelled(t(locale, "code.retype"),
                         rx.input(name="code", size="3", auto_complete="off",
                                  auto_capitalize="none", spell_check=False, id="code-retype")),
                rx.button(t(locale, "code.confirm"), type="submit", size="3"),
                spacing="3", width="100%",
            ),
            on_submit=SpaceState.confirm_code,
            width="100%",
        ),
        spacing="3", width="100%",
    )
    return card(
        rx.heading(t(locale, "code.title"), as_="h2", size="5"),
        rx.text(t(locale, "code.why"), color="#3b4a52"),
        rx.cond(
            SpaceState.shown_code != "",
            show_new,
            rx.cond(
                SpaceState.has_code,
                rx.vstack(rx.text(t(locale, "code.ok")),
                          rx.button(t(locale, "code.replace"), variant="outline",
                                    on_click=SpaceState.create_code)),
                rx.vstack(rx.text(t(locale, "code.none")),
                          rx.button(t(locale, "code.create"), size="3",
                                    on_click=SpaceState.create_code)),
            ),
        ),
    )


def _pin_card(locale: Locale) -> rx.Component:
    minutes = str(get_settings().victim_lock_minutes)
    return card(
        rx.heading(t(locale, "pin.title"), as_="h2", size="5"),
        rx.text(t(locale, "pin.why", minutes=minutes), color="#3b4a52"),
        rx.cond(SpaceState.has_pin,
                rx.hstack(rx.icon("shield-check", color="#0b6e69", aria_hidden="true"),
                          rx.text(t(locale, "pin.active")), align="center")),
        rx.form(
            rx.vstack(
                labelled(t(locale, "pin.label"),
                         rx.input(name="pin", type="password", input_mode="numeric",
                                  auto_complete="new-password", max_length=6, size="3",
                                  id="pin-new")),
                rx.hstack(
                    rx.button(t(locale, "pin.save"), type="submit", size="3"),
                    rx.cond(SpaceState.has_pin,
                            rx.button(t(locale, "pin.remove"), type="button", variant="soft",
                                      color_scheme="gray", size="3",
                                      on_click=SpaceState.remove_pin)),
                    wrap="wrap",
                ),
                spacing="3", width="100%",
            ),
            on_submit=SpaceState.save_pin,
            reset_on_submit=True,
            width="100%",
        ),
        rx.cond(SpaceState.has_pin | SpaceState.has_code,
                rx.button(rx.icon("lock", aria_hidden="true"), t(locale, "lock.now"),
                          variant="outline", on_click=SpaceState.lock_now)),
    )


def _profile_card(locale: Locale) -> rx.Component:
    options = [rx.el.option(t(locale, "profile.age_none"), value="none")] + [
        rx.el.option(t(locale, f"profile.age.{band.value}"), value=band.value)
        for band in AgeBand
    ]
    return card(
        rx.heading(t(locale, "profile.title"), as_="h2", size="5"),
        rx.text(t(locale, "profile.why"), color="#3b4a52"),
        rx.form(
            rx.vstack(
                labelled(t(locale, "profile.nickname"),
                         rx.input(name="nickname", default_value=SpaceState.nickname,
                                  max_length=40, size="3", auto_complete="off",
                                  id="profile-nickname")),
                labelled(t(locale, "profile.age"),
                         rx.el.select(*options, name="age_band", id="profile-age",
                                      default_value=rx.cond(SpaceState.age_band != "",
                                                            SpaceState.age_band, "none"),
                                      class_name="abri-select")),
                rx.button(t(locale, "profile.save"), type="submit", size="3"),
                spacing="3", width="100%",
            ),
            on_submit=SpaceState.save_profile,
            width="100%",
            key=SpaceState.nickname + SpaceState.age_band,
        ),
    )


def _erase_card(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "erase.title"), as_="h2", size="5"),
        rx.text(t(locale, "erase.lead")),
        rx.text(t(locale, "erase.kept"), color="#3b4a52", size="2"),
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button(rx.icon("trash-2", aria_hidden="true"), t(locale, "erase.button"),
                          color_scheme="red", variant="soft", size="3")),
            rx.alert_dialog.content(
                rx.alert_dialog.title(t(locale, "erase.confirm_title")),
                rx.alert_dialog.description(t(locale, "erase.confirm_body")),
                rx.hstack(
                    rx.alert_dialog.cancel(rx.button(t(locale, "erase.cancel"), variant="soft",
                                                     color_scheme="gray")),
                    rx.alert_dialog.action(rx.button(t(locale, "erase.confirm"), color_scheme="red",
                                                     on_click=SpaceState.erase(locale))),
                    justify="end", spacing="3", margin_top="1rem",
                ),
            ),
        ),
    )


def space(locale: Locale) -> rx.Component:
    return victim_page(
        locale,
        "space",
        page_title(t(locale, "space.title"), t(locale, "space.lead")),
        rx.cond(SpaceState.restored,
                rx.callout(t(locale, "space.restored"), icon="heart", color_scheme="green",
                           width="100%")),
        error_message(locale, SpaceState.error),
        notice_message(locale, SpaceState.notice, NOTICES),
        _code_card(locale),
        _pin_card(locale),
        _profile_card(locale),
        safety_notice(locale),
        _erase_card(locale),
    )
