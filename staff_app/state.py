"""The staff base state: who is signed in, derived on the server from the
HttpOnly session cookie on every page load (state is only a view)."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

import reflex as rx

from helpline.access import can_open_area
from helpline.i18n import LOCALES
from helpline.sessions import STAFF_COOKIE, StaffPrincipal
from helpline.staff_auth import staff_from_token
from staff_app.routes import staff_url


def _locale(value: str) -> str:
    return value if value in LOCALES else "fr"


def current_staff(state: rx.State) -> StaffPrincipal | None:
    """The principal behind the cookie the websocket connected with."""
    try:
        jar = SimpleCookie(state.router.headers.cookie or "")
    except CookieError:
        return None
    morsel = jar.get(STAFF_COOKIE)
    return staff_from_token(morsel.value if morsel else None)


class StaffState(rx.State):
    display_name: str = ""
    roles: list[str] = []
    allowed: bool = False

    @rx.event
    def guard(self, area: str, locale: str):
        principal = current_staff(self)
        if principal is None:
            self.display_name, self.roles, self.allowed = "", [], False
            return rx.redirect(staff_url(_locale(locale), "login"), replace=True)
        self.display_name = principal.display_name
        self.roles = sorted(principal.roles)
        self.allowed = can_open_area(principal, area)
        return None


class LoginState(rx.State):
    failed: bool = False

    @rx.event
    def check(self, locale: str):
        if current_staff(self) is not None:
            return rx.redirect(staff_url(_locale(locale)), replace=True)
        self.failed = self.router.url.query_parameters.get("error") == "1"
        return None
