"""Two-factor enrolment: a QR code (or key) for an authenticator app, then a code."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.layout import staff_page
from staff_app.state import SecurityState
from uikit.components import labelled


def security(locale: Locale) -> rx.Component:
    enrol = rx.vstack(
        rx.text(t(locale, "staff.security.scan")),
        rx.image(src=SecurityState.qr, alt="QR", width="220px", height="220px",
                 style={"background": "#fff", "padding": "8px", "borderRadius": "8px"}),
        rx.code(SecurityState.secret, id="totp-secret", size="3"),
        rx.form(
            rx.hstack(
                labelled(t(locale, "staff.security.code"),
                         rx.input(name="code", input_mode="numeric", max_length=6,
                                  auto_complete="one-time-code", id="totp-code")),
                rx.button(t(locale, "staff.security.confirm"), type="submit"),
                align="end", spacing="3",
            ),
            on_submit=SecurityState.confirm,
            reset_on_submit=True,
        ),
        spacing="3",
    )
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
        rx.cond(
            SecurityState.qr != "",
            enrol,
            rx.button(rx.cond(SecurityState.has_totp, t(locale, "staff.security.restart"),
                              t(locale, "staff.security.start")),
                      on_click=SecurityState.begin, size="3"),
        ),
    )
