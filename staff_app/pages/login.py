"""Staff sign-in: a plain form posted to the server, which sets the HttpOnly cookie."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, other_locale, t
from staff_app.components import native_form
from staff_app.routes import staff_url
from staff_app.state import LoginState


def _field(label: str, name: str, kind: str, autocomplete: str) -> rx.Component:
    return rx.el.label(
        rx.text(label, weight="medium", size="2"),
        rx.input(name=name, type=kind, required=True, auto_complete=autocomplete,
                 size="3", max_length=512, id=f"login-{name}"),
        style={"display": "flex", "flexDirection": "column", "gap": "0.35rem", "width": "100%"},
    )


def login(locale: Locale) -> rx.Component:
    other = other_locale(locale)
    return rx.center(
        rx.card(
            native_form(
                rx.vstack(
                    rx.hstack(rx.icon("house-heart", size=26, color="#0b6e69", aria_hidden="true"),
                              rx.text("Abri", size="6", weight="bold"), align="center"),
                    rx.heading(t(locale, "staff.login.title"), as_="h1", size="6"),
                    rx.text(t(locale, "staff.login.lead"), color="#3b4a52"),
                    rx.cond(
                        LoginState.failed,
                        rx.callout(t(locale, "staff.login.failed"), icon="triangle-alert",
                                   color_scheme="red", role="alert", width="100%"),
                    ),
                    _field(t(locale, "staff.login.email"), "email", "email", "username"),
                    _field(t(locale, "staff.login.password"), "password", "password",
                           "current-password"),
                    rx.el.input(type="hidden", name="locale", value=locale),
                    rx.button(t(locale, "staff.login.submit"), type="submit", size="3",
                              width="100%"),
                    rx.el.a(t(locale, "lang.switch"), href=staff_url(other, "login"), lang=other),
                    spacing="4",
                    width="100%",
                ),
                action="/api/staff/login",
                method="post",
            ),
            size="4",
            width="100%",
            max_width="26rem",
        ),
        min_height="100vh",
        padding="1rem",
        background="#f6f4f1",
        lang=locale,
    )
