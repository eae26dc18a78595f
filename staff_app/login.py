"""Staff sign-in: a plain form posted to the server, which sets the HttpOnly cookie."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, other_locale, t
from staff_app.routes import STAFF_PAGES, staff_url
from staff_app.state import LoginState
from uikit.components import labelled
from uikit.forms import native_form

LOGIN_MESSAGES = {"failed": "staff.login.failed", "totp": "staff.login.totp",
                  "locked": "staff.login.locked", "sso": "staff.login.sso_failed"}


def _field(label: str, name: str, kind: str, autocomplete: str, *, required: bool = True,
           hint: str | None = None) -> rx.Component:
    return labelled(label, rx.input(name=name, type=kind, required=required,
                                    auto_complete=autocomplete, size="3", max_length=512,
                                    id=f"login-{name}"), hint)


def _sso(locale: Locale) -> rx.Component:
    settings = get_settings()
    if not settings.oidc_enabled:
        return rx.fragment()
    return rx.vstack(
        rx.button(rx.el.a(t(locale, "staff.login.sso", label=settings.oidc_label),
                          href=f"/api/staff/oidc/login?locale={locale}",
                          # A server route, not a page: load it as a document.
                          reload_document=True),
                  as_child=True, size="3", variant="outline", width="100%"),
        rx.text(t(locale, "staff.login.or"), align="center", width="100%", color="#4a5a62"),
        width="100%",
    )


@STAFF_PAGES.page("login", slug="login", title="staff.login.title",
                  on_load=lambda locale: [LoginState.check(locale)])
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
                    _sso(locale),
                    rx.match(
                        LoginState.error,
                        *[(code, rx.callout.root(
                            rx.callout.icon(rx.icon("triangle-alert", aria_hidden="true")),
                            rx.callout.text(t(locale, key), " ", LoginState.wait),
                            color_scheme="red", role="alert", width="100%"))
                          for code, key in LOGIN_MESSAGES.items()],
                        rx.fragment(),
                    ),
                    _field(t(locale, "staff.login.email"), "email", "email", "username"),
                    _field(t(locale, "staff.login.password"), "password", "password",
                           "current-password"),
                    _field(t(locale, "staff.login.code"), "code", "text", "one-time-code",
                           required=False, hint=t(locale, "staff.login.code_hint")),
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
