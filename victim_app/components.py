"""Small building blocks shared by the victim pages."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t


def page_title(text: str, lead: str | None = None) -> rx.Component:
    return rx.vstack(
        rx.heading(text, as_="h1", size="7", color="#1f2a30"),
        rx.text(lead, size="4", color="#3b4a52") if lead else rx.fragment(),
        spacing="2",
    )


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="2"), size="3", width="100%",
                   style={"background": "#ffffff"}, **props)


def _notice(locale: Locale, icon: str, key: str, **props) -> rx.Component:
    """A callout with its title in bold (``<key>.title``, ``<key>.body``)."""
    return rx.callout.root(
        rx.callout.icon(rx.icon(icon, aria_hidden="true")),
        rx.callout.text(rx.text.strong(t(locale, f"{key}.title")), " ", t(locale, f"{key}.body")),
        role="note",
        width="100%",
        **props,
    )


def danger_notice(locale: Locale) -> rx.Component:
    return _notice(locale, "siren", "danger", color_scheme="orange")


def safety_notice(locale: Locale) -> rx.Component:
    return _notice(locale, "eye-off", "safety", color_scheme="gray", variant="surface")


VICTIM_ERRORS = ("code_wrong", "code_mismatch", "too_many_attempts", "pin_format",
                 "pin_too_simple", "pin_wrong", "account_locked", "nickname_invalid",
                 "age_band_invalid", "nothing_to_unlock_with", "no_code", "invalid", "too_long")


def error_message(locale: Locale, code: rx.Var) -> rx.Component:
    """A kind sentence for an error code held in state (texts compiled per locale)."""
    return rx.match(
        code,
        *[(key, rx.callout(t(locale, f"error.{key}"), icon="circle-alert", color_scheme="red",
                           role="alert", width="100%")) for key in VICTIM_ERRORS],
        rx.fragment(),
    )


def notice_message(locale: Locale, key: rx.Var, keys: tuple[str, ...]) -> rx.Component:
    return rx.match(
        key,
        *[(k, rx.callout(t(locale, k), icon="circle-check", color_scheme="green", role="status",
                         width="100%")) for k in keys],
        rx.fragment(),
    )

