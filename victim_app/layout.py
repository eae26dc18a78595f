"""The victim shell: quick exit first, the helpline's number, language switch,
and the four destinations (a bottom tab bar on phones)."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, other_locale, t
from victim_app.components import page_title
from victim_app.lock import lock_screen
from victim_app.routes import VICTIM_PAGES, victim_url
from victim_app.space.state import DeviceNoticeState
from victim_app.state import VictimState

DEVICES_ANCHOR = "appareils"  # the device list in « Mon espace »


def quick_exit(locale: Locale) -> rx.Component:
    # A real link, so it works even before the script loads; abri.js upgrades it to
    # location.replace() (Back then cannot return) and ends the session.
    return rx.el.a(
        rx.icon("x", size=18, aria_hidden="true"),
        t(locale, "quick_exit.label"),
        href=get_settings().quick_exit_url,
        class_name="abri-exit",
        title=t(locale, "quick_exit.hint"),
        rel="noreferrer",
        id="quick-exit",
        custom_attrs={"data-quick-exit": "true"},
    )


def call_link(locale: Locale) -> rx.Component:
    return rx.el.a(
        rx.icon("phone", size=16, aria_hidden="true"),
        t(locale, "call.short"),
        href=f"tel:{get_settings().helpline_phone}",
        aria_label=t(locale, "call.aria"),
        style={"display": "inline-flex", "alignItems": "center", "gap": "0.3rem",
               "fontWeight": 700, "color": "#0b5e5a", "minHeight": "44px", "padding": "0 0.5rem"},
    )


def header(locale: Locale, page: str) -> rx.Component:
    other = other_locale(locale)
    return rx.el.header(
        rx.hstack(
            quick_exit(locale),
            rx.el.a(t(locale, "skip.to_content"), href="#main", class_name="abri-skip"),
            rx.spacer(),
            call_link(locale),
            rx.link(
                rx.icon("circle-user-round", size=20, aria_hidden="true"),
                rx.text(t(locale, "nav.space"), class_name="abri-hide-narrow"),
                href=victim_url(locale, "space"),
                replace=True,
                aria_label=t(locale, "nav.space"),
                custom_attrs={"aria-current": "page"} if page == "space" else {},
                style={"display": "inline-flex", "alignItems": "center", "gap": "0.3rem",
                       "minHeight": "44px", "padding": "0 0.5rem", "color": "#1f2a30"},
            ),
            rx.el.a(
                t(locale, "lang.switch"),
                href=victim_url(other, page),
                lang=other,
                hreflang=other,
                aria_label=t(locale, "lang.switch_label"),
                style={"color": "#1f2a30", "minHeight": "44px", "display": "inline-flex",
                       "alignItems": "center", "padding": "0 0.5rem"},
            ),
            align="center",
            width="100%",
            padding="0.75rem 1rem",
            class_name="abri-header-row",
        ),
        rx.link(
            rx.hstack(
                rx.icon("house-heart", size=26, color="#0b6e69", aria_hidden="true"),
                rx.text(t(locale, "app.name"), size="6", weight="bold"),
                align="center",
            ),
            href=victim_url(locale),
            replace=True,
            underline="none",
            color="inherit",
            padding="0 1rem 0.5rem",
            display="inline-block",
            class_name="abri-brand",
        ),
    )


def nav(locale: Locale, page: str) -> rx.Component:
    items = []
    for row in VICTIM_PAGES.navigation():
        key = row.key
        items.append(
            rx.el.li(
                rx.link(
                    rx.icon(row.icon, size=22, aria_hidden="true"),
                    t(locale, f"nav.{key}"),
                    href=victim_url(locale, key),
                    # Replace instead of push, as every move inside Abri does
                    # (assets/abri.js): after a quick exit, Back cannot walk into it.
                    replace=True,
                    custom_attrs={"aria-current": "page"} if key == page else {},
                )
            )
        )
    return rx.el.nav(rx.el.ul(*items), class_name="abri-victim-nav",
                     aria_label=t(locale, "nav.label"))


def device_notice(locale: Locale) -> rx.Component:
    """Once, after the recovery code let another device in: say so, and where to look."""
    return rx.fragment(
        rx.cond(DeviceNoticeState.joined, rx.callout.root(
            rx.callout.icon(rx.icon("info", aria_hidden="true")),
            rx.callout.text(
                t(locale, "device_notice.text"), " ",
                rx.link(t(locale, "device_notice.link"),
                        href=f"{victim_url(locale, 'space')}#{DEVICES_ANCHOR}", replace=True,
                        weight="bold"),
            ),
            rx.icon_button(rx.icon("x", aria_hidden="true"), variant="ghost",
                           color_scheme="gray", aria_label=t(locale, "device_notice.close"),
                           on_click=DeviceNoticeState.dismiss, margin_left="auto"),
            color_scheme="blue", role="status", width="100%",
            style={"display": "flex", "alignItems": "center"},
        )),
        rx.fragment(on_mount=DeviceNoticeState.check),
    )


def _session_markers() -> rx.Component:
    """Hooks for abri.js: a full page load the server asked for, and the idle lock."""
    minutes = str(get_settings().victim_lock_minutes)
    return rx.fragment(
        rx.cond(VictimState.session_url != "",
                rx.el.span(custom_attrs={"data-abri-navigate": VictimState.session_url})),
        rx.cond(VictimState.has_pin | VictimState.has_code,
                rx.el.span(custom_attrs={"data-abri-lock-after": minutes})),
    )


def titled_page(locale: Locale, page: str, *content: rx.Component) -> rx.Component:
    """A victim page under its own heading: its ``<page>.title`` and ``<page>.lead``."""
    return victim_page(locale, page,
                       page_title(t(locale, f"{page}.title"), t(locale, f"{page}.lead")),
                       *content)


def victim_page(locale: Locale, page: str, *content: rx.Component) -> rx.Component:
    return rx.box(
        header(locale, page),
        nav(locale, page),
        rx.el.main(
            rx.container(
                rx.cond(
                    VictimState.locked,
                    lock_screen(locale),
                    rx.vstack(
                        # Not on « Mon espace » (its device list says it) nor on the
                        # pages that must not open an account.
                        *([] if page in ("space", "restore", "erased") else
                          [device_notice(locale)]),
                        *content, spacing="5", width="100%"),
                ),
                size="2",
                padding="1rem",
            ),
            id="main",
            class_name="abri-victim-main",
            tab_index=-1,
        ),
        _session_markers(),
        lang=locale,
        min_height="100vh",
        custom_attrs={"data-abri-victim": "true"},
    )
