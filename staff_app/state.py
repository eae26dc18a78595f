"""Staff states. Every handler declares the roles it needs; the principal is derived
on the server from the HttpOnly session cookie on each call (state is only a view)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import reflex as rx

from helpline import ratelimit
from helpline.i18n import LOCALES, t
from helpline.identity import staff_auth
from helpline.identity.access import can_open_area, landing_area
from helpline.identity.sessions import STAFF_COOKIE, StaffPrincipal
from staff_app.routes import staff_url
from uikit.access import Refusal, cookie, guarded, principal, public
from uikit.page_state import belongs_to_session

LOGIN_ERRORS = ("failed", "totp", "locked", "sso")
MAX_WAIT = timedelta(days=1)


def _locale(value: str) -> str:
    return value if value in LOCALES else "fr"


def page_locale(state: rx.State) -> str:
    return "en" if "/staff/en" in (state.router.url.path or "") else "fr"


def current_staff_of(state: rx.State) -> StaffPrincipal | None:
    return staff_auth.staff_from_token(cookie(state, STAFF_COOKIE))


def staff_event(*roles: str) -> Callable:
    """The caller must be signed-in staff holding one of ``roles``. With no roles, any
    signed-in staff member (an admin still without TOTP has no effective role yet)."""

    def check(state: rx.State) -> StaffPrincipal | Refusal:
        found = current_staff_of(state)
        if found is None:
            login = staff_url(page_locale(state), "login")
            # Signed out or ended: nothing the workspace showed stays on the page.
            return Refusal(rx.redirect(login, replace=True), forget=(StaffState,))
        if roles and not found.has_role(*roles):
            return Refusal()
        return found

    return guarded("staff:" + (",".join(sorted(roles)) or "*"), check)


def workspace_load(area: str, *then) -> Callable:
    """The on_load of a workspace page: who is here and may they see ``area``, then
    the page's own loads."""
    return lambda locale: [StaffState.guard(area, locale), *then]


def current_staff() -> StaffPrincipal:
    return principal()


class StaffState(rx.State):
    display_name: str = ""
    roles: list[str] = []
    allowed: bool = False
    needs_totp: bool = False
    menu_open: bool = False  # on a phone, the menu folds away (abri.css)

    @staff_event()
    def toggle_menu(self) -> None:
        self.menu_open = not self.menu_open

    @staff_event()
    def guard(self, area: str, locale: str):
        """on_load of every workspace page: who is here, and may they see this area.
        The workspace's front door (the console) sends each role to where it works."""
        found = current_staff()
        self.menu_open = False  # a page opened from the phone's menu folds it again
        self.display_name = found.display_name
        self.roles = sorted(found.roles)
        self.needs_totp = found.needs_totp
        self.allowed = area == "security" or can_open_area(found, area)
        landing = landing_area(found) if area == "console" and not self.allowed else None
        return rx.redirect(staff_url(_locale(locale), landing), replace=True) if landing else None


belongs_to_session(StaffState, STAFF_COOKIE,
                   lambda token: staff_auth.staff_from_token(token) is not None)


def wait_sentence(locale: str, wait: timedelta) -> str:
    """"You can try again in 4 seconds" ("" when there is no wait)."""
    if not timedelta(0) < wait <= MAX_WAIT:
        return ""
    locale = _locale(locale)
    return t(locale, "staff.login.wait", wait=ratelimit.in_words(locale, wait))


class LoginState(rx.State):
    error: str = ""
    wait: str = ""  # the sentence saying how long before the next try

    @public
    def check(self, locale: str):
        if current_staff_of(self) is not None:
            return rx.redirect(staff_url(_locale(locale)), replace=True)
        query = self.router.url.query_parameters
        error = query.get("error", "")
        self.error = error if error in LOGIN_ERRORS else ""
        seconds = str(query.get("wait", ""))
        self.wait = wait_sentence(locale, timedelta(seconds=int(seconds))) \
            if self.error and seconds.isdigit() and len(seconds) <= 6 else ""
        return None
