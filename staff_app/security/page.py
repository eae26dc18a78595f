"""Two-factor enrolment: prove it is you, then a QR code (or key) for an authenticator
app, then a code. The factor in force stays until the new one is confirmed."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.security.state import SecurityState
from staff_app.state import workspace_load
from uikit.components import labelled

REFUSALS = ("failed", "totp", "locked", "sso")


def _code_input(name: str, element_id: str) -> rx.Component:
    return rx.input(name=name, input_mode="numeric", max_length=7,
                    auto_complete="one-time-code", id=element_id)


def _reauth(locale: Locale) -> rx.Component:
    """The password, and the current code when a factor is in force."""
    return rx.form(
        rx.vstack(
            rx.text(t(locale, "staff.security.reauth")),
            labelled(t(locale, "staff.security.password"),
                     rx.input(name="password", type="password", required=True, max_length=512,
                              auto_complete="current-password", id="reauth-password")),
            rx.cond(SecurityState.has_totp,
                    labelled(t(locale, "staff.security.current_code"),
                             _code_input("code", "reauth-code"))),
            rx.button(rx.cond(SecurityState.has_totp, t(locale, "staff.security.restart"),
                              t(locale, "staff.security.start")),
                      type="submit", size="3"),
            spacing="3", max_width="24rem", width="100%",
        ),
        on_submit=SecurityState.begin,
        reset_on_submit=True,
    )


def _enrol(locale: Locale) -> rx.Component:
    return rx.vstack(
        rx.cond(SecurityState.has_totp, rx.text(t(locale, "staff.security.keeps_old"))),
        rx.text(t(locale, "staff.security.scan")),
        rx.image(src=SecurityState.qr, alt="QR", width="220px", height="220px",
                 style={"background": "#fff", "padding": "8px", "borderRadius": "8px"}),
        rx.code(SecurityState.secret, id="totp-secret", size="3",
                style={"overflowWrap": "anywhere"}),
        rx.form(
            rx.hstack(
                labelled(t(locale, "staff.security.code"), _code_input("code", "totp-code")),
                rx.button(t(locale, "staff.security.confirm"), type="submit"),
                align="end", spacing="3",
            ),
            on_submit=SecurityState.confirm,
            reset_on_submit=True,
        ),
        rx.button(t(locale, "staff.security.cancel"), on_click=SecurityState.cancel,
                  variant="soft", color_scheme="gray"),
        spacing="3",
    )


def _refusal(locale: Locale) -> rx.Component:
    return rx.match(
        SecurityState.refused,
        *[(code, rx.callout.root(
            rx.callout.icon(rx.icon("circle-alert", aria_hidden="true")),
            rx.callout.text(t(locale, f"staff.security.refused.{code}"), " ",
                            SecurityState.wait),
            color_scheme="red", role="alert")) for code in REFUSALS],
        rx.fragment(),
    )


@STAFF_PAGES.page("security", slug="securite", title="staff.security.title",
                  icon="shield-check", nav=6,
                  on_load=workspace_load("security", SecurityState.load))
def security(locale: Locale) -> rx.Component:
    return staff_page(
        locale, "security", t(locale, "staff.security.title"),
        rx.text(t(locale, "staff.security.lead"), color="#3b4a52"),
        rx.match(
            SecurityState.result,
            ("confirmed", rx.callout(t(locale, "staff.security.confirmed"), icon="circle-check",
                                     color_scheme="green", role="status")),
            ("wrong", rx.callout(t(locale, "staff.security.wrong"), icon="circle-alert",
                                 color_scheme="red", role="alert")),
            rx.fragment(),
        ),
        rx.cond(SecurityState.has_totp,
                rx.text(t(locale, "staff.security.enabled"), weight="medium")),
        rx.cond(SecurityState.qr != "", _enrol(locale),
                rx.vstack(_refusal(locale), _reauth(locale), spacing="3", width="100%")),
    )
