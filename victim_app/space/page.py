"""Mon espace: recovery code, PIN, devices, what counsellors may know, lock, erase."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, t
from helpline.identity.sessions import BROWSERS, DEVICE_KINDS, UNKNOWN
from helpline.models import AgeBand
from uikit.components import labelled
from victim_app.components import (
    card,
    error_message,
    notice_message,
    safety_notice,
)
from victim_app.layout import DEVICES_ANCHOR, titled_page
from victim_app.routes import VICTIM_PAGES
from victim_app.space.state import SpaceState

NOTICES = ("code.confirmed", "pin.saved", "pin.removed", "profile.saved", "devices.ended",
           "devices.all_ended")
KIND_ICONS = {"phone": "smartphone", "tablet": "tablet", "computer": "laptop"}


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
            rx.form(
                rx.vstack(
                    rx.cond(SpaceState.has_code, rx.text(t(locale, "code.ok")),
                            rx.text(t(locale, "code.none"))),
                    # Whoever came in with the old code stays in unless asked: say so.
                    rx.cond(SpaceState.devices.length() > 1, rx.el.label(
                        rx.el.input(type="checkbox", name="sign_out_others", value="on",
                                    id="code-sign-out-others",
                                    style={"width": "20px", "height": "20px",
                                           "flexShrink": 0}),
                        rx.text(t(locale, "code.sign_out_others"), as_="span", size="2"),
                        style={"display": "flex", "gap": "0.5rem", "alignItems": "flex-start"},
                    )),
                    rx.cond(SpaceState.has_code,
                            rx.button(t(locale, "code.replace"), type="submit", variant="outline"),
                            rx.button(t(locale, "code.create"), type="submit", size="3")),
                    spacing="3", width="100%",
                ),
                on_submit=SpaceState.create_code,
                width="100%",
            ),
        ),
    )


def _device_name(locale: Locale, device: rx.Var) -> rx.Var:
    """"Firefox sur un téléphone", from the coarse family and kind the state holds."""
    browser = rx.match(device["browser"],
                       *[(b, t(locale, f"device.browser.{b}")) for b in BROWSERS],
                       t(locale, f"device.browser.{UNKNOWN}"))
    kind = rx.match(device["kind"],
                    *[(k, t(locale, f"device.kind.{k}")) for k in DEVICE_KINDS],
                    t(locale, f"device.kind.{UNKNOWN}"))
    return browser.to(str) + " " + kind.to(str)


def _confirm(trigger: rx.Component, title: rx.Var | str, body: str, cancel: str,
             confirm: str, on_confirm, color_scheme: str = "teal") -> rx.Component:
    """A button that asks before it acts."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(body),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(cancel, variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(confirm, color_scheme=color_scheme,
                                                 on_click=on_confirm)),
                justify="end", spacing="3", margin_top="1rem", wrap="wrap",
            ),
        ),
    )


def _device_item(locale: Locale, device: rx.Var) -> rx.Component:
    name = _device_name(locale, device)
    last_used = rx.match(
        device["days"],
        ("0", t(locale, "device.used_today")),
        ("1", t(locale, "device.used_yesterday")),
        t(locale, "device.used_days_before") + device["days"].to(str)
        + t(locale, "device.used_days_after"),
    )
    this_one = rx.badge(rx.cond(device["kind"] == "phone", t(locale, "device.this_phone"),
                                t(locale, "device.this_device")),
                        color_scheme="teal", variant="soft")
    end = _confirm(
        rx.button(t(locale, "devices.end"), variant="outline", color_scheme="gray",
                  aria_label=t(locale, "devices.end") + " : " + name),
        t(locale, "devices.end_title_before") + name + t(locale, "devices.end_title_after"),
        t(locale, "devices.end_body"), t(locale, "devices.cancel"),
        t(locale, "devices.end_confirm"), SpaceState.end_device(device["id"]),
    )
    return rx.el.li(
        rx.hstack(
            rx.icon(rx.match(device["kind"], *KIND_ICONS.items(), "monitor-smartphone"),
                    size=22, color="#0b6e69", aria_hidden="true"),
            rx.vstack(
                rx.text(name, weight="bold"),
                rx.text(last_used, size="2", color="#3b4a52"),
                spacing="0",
            ),
            rx.spacer(),
            rx.cond(device["current"] != "", this_one, end),
            align="center", width="100%", spacing="3", wrap="wrap",
        ),
        style={"padding": "0.75rem 0", "borderTop": "1px solid #e3e8ea", "listStyle": "none"},
    )


def _section(title: str, *children: rx.Component, anchor: str = "") -> rx.Component:
    """A section of « Mon espace » folded behind its heading: the page stays short, and
    each part opens with one tap. (Never a React-held ``open``: a re-render would fold
    a section the person just opened.)"""
    return card(rx.el.details(
        rx.el.summary(
            rx.heading(title, as_="h2", size="5", id=anchor or None),
            rx.icon("chevron-down", size=20, aria_hidden="true", class_name="abri-fold-icon"),
            class_name="abri-section-summary"),
        rx.vstack(*children, spacing="2", padding_top="0.75rem", width="100%"),
        class_name="abri-section", width="100%"))


def _devices_card(locale: Locale) -> rx.Component:
    end_all = _confirm(
        rx.button(rx.icon("log-out", aria_hidden="true"), t(locale, "devices.end_all"),
                  variant="soft", size="3"),
        t(locale, "devices.end_all_title"), t(locale, "devices.end_all_body"),
        t(locale, "devices.cancel"), t(locale, "devices.end_all_confirm"),
        SpaceState.end_other_devices,
    )
    return _section(
        t(locale, "devices.title"),
        rx.text(t(locale, "devices.why"), color="#3b4a52"),
        rx.cond(SpaceState.error == "device_unknown",
                rx.callout(t(locale, "error.device_unknown"), icon="circle-alert",
                           color_scheme="red", role="alert", width="100%")),
        rx.el.ul(rx.foreach(SpaceState.devices, lambda d: _device_item(locale, d)),
                 aria_label=t(locale, "devices.title"),
                 style={"padding": 0, "margin": 0, "width": "100%"}),
        rx.cond(SpaceState.devices.length() > 1, end_all),
        anchor=DEVICES_ANCHOR,
    )


def _pin_card(locale: Locale) -> rx.Component:
    minutes = str(get_settings().victim_lock_minutes)
    return _section(
        t(locale, "pin.title"),
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
    return _section(
        t(locale, "profile.title"),
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
    return _section(
        t(locale, "erase.title"),
        rx.text(t(locale, "erase.lead")),
        rx.text(t(locale, "erase.kept"), color="#3b4a52", size="2"),
        _confirm(
            rx.button(rx.icon("trash-2", aria_hidden="true"), t(locale, "erase.button"),
                      color_scheme="red", variant="soft", size="3"),
            t(locale, "erase.confirm_title"), t(locale, "erase.confirm_body"),
            t(locale, "erase.cancel"), t(locale, "erase.confirm"), SpaceState.erase(locale),
            color_scheme="red",
        ),
    )


@VICTIM_PAGES.page("space", slug={"fr": "espace", "en": "my-space"}, title="space.title",
                   on_load=lambda _locale: [SpaceState.load])
def space(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "space",
        rx.cond(SpaceState.restored,
                rx.callout(t(locale, "space.restored"), icon="heart", color_scheme="green",
                           width="100%")),
        error_message(locale, SpaceState.error),
        notice_message(locale, SpaceState.notice, NOTICES),
        # Above the folded sections: someone else in the space must never go unseen.
        rx.cond(SpaceState.device_joined,
                rx.callout(t(locale, "devices.joined"), icon="info", color_scheme="blue",
                           role="status", width="100%")),
        _code_card(locale),
        _devices_card(locale),
        _pin_card(locale),
        _profile_card(locale),
        safety_notice(locale),
        _erase_card(locale),
    )
