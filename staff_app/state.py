"""Staff states. Every handler declares the roles it needs; the principal is derived
on the server from the HttpOnly session cookie on each call (state is only a view)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import reflex as rx

from helpline import audit, ratelimit
from helpline.db import session_scope
from helpline.i18n import LOCALES, t
from helpline.identity import staff_auth
from helpline.identity.access import can_open_area
from helpline.identity.sessions import STAFF_COOKIE, StaffPrincipal
from helpline.models import Role
from staff_app.routes import staff_url
from uikit.access import Refusal, cookie, guarded, principal, public
from uikit.page_state import belongs_to_session

LOGIN_ERRORS = ("failed", "totp", "locked", "sso")
MAX_WAIT = timedelta(days=1)


def _locale(value: str) -> str:
    return value if value in LOCALES else "fr"


def _page_locale(state: rx.State) -> str:
    return "en" if "/staff/en" in (state.router.url.path or "") else "fr"


def current_staff_of(state: rx.State) -> StaffPrincipal | None:
    return staff_auth.staff_from_token(cookie(state, STAFF_COOKIE))


def staff_event(*roles: str) -> Callable:
    """The caller must be signed-in staff holding one of ``roles``. With no roles, any
    signed-in staff member (an admin still without TOTP has no effective role yet)."""

    def check(state: rx.State) -> StaffPrincipal | Refusal:
        found = current_staff_of(state)
        if found is None:
            login = staff_url(_page_locale(state), "login")
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

    @staff_event()
    def guard(self, area: str, locale: str) -> None:
        """on_load of every workspace page: who is here, and may they see this area."""
        found = current_staff()
        self.display_name = found.display_name
        self.roles = sorted(found.roles)
        self.needs_totp = found.needs_totp
        self.allowed = area == "security" or can_open_area(found, area)


belongs_to_session(StaffState, STAFF_COOKIE,
                   lambda token: staff_auth.staff_from_token(token) is not None)


def _wait_sentence(locale: str, wait: timedelta) -> str:
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
        self.wait = _wait_sentence(locale, timedelta(seconds=int(seconds))) \
            if self.error and seconds.isdigit() and len(seconds) <= 6 else ""
        return None


class AdminState(StaffState):
    """The team and the audit log (supervisors read, admins act)."""

    team: list[dict[str, str]] = []
    audit_rows: list[dict[str, str]] = []
    refused: bool = False

    def _load_team(self) -> None:
        self.team = [
            {"id": str(m.id), "name": m.display_name, "email": m.email,
             "roles": ", ".join(m.roles), "disabled": "1" if m.disabled else "",
             "totp": "1" if m.has_totp else ""}
            for m in staff_auth.list_staff(current_staff())
        ]

    def _load_audit(self, staff_id: int | None, object_id: str) -> None:
        with session_scope() as db:
            rows = audit.search(db, current_staff(), staff_id=staff_id, object_id=object_id)
        self.audit_rows = [
            {"at": r.at.strftime("%Y-%m-%d %H:%M"), "actor": r.actor, "action": r.action,
             "object": f"{r.object_type} {r.object_id}".strip(), "detail": r.detail}
            for r in rows
        ]

    @staff_event(Role.admin, Role.supervisor)
    def load(self) -> None:
        self.refused = False
        self._load_team()
        self._load_audit(None, "")

    @staff_event(Role.admin)
    def set_disabled(self, staff_id: int, disabled: bool) -> None:
        try:
            staff_auth.set_disabled(current_staff(), int(staff_id), bool(disabled))
        except (PermissionError, LookupError, ValueError):
            self.refused = True
            return
        self.refused = False
        self._load_team()
        self._load_audit(None, "")

    @staff_event(Role.admin, Role.supervisor)
    def filter_audit(self, form: dict) -> None:
        person = str(form.get("staff_id", ""))
        self._load_audit(int(person) if person.isdigit() else None,
                         str(form.get("object_id", ""))[:64])


class SecurityState(StaffState):
    """Two-factor enrolment for the signed-in staff member: prove it is them (password,
    and the current code if a factor is in force), then scan and confirm a new one."""

    qr: str = ""
    secret: str = ""
    has_totp: bool = False
    result: str = ""  # "confirmed" or "wrong"
    refused: str = ""  # why the identity check failed: a SignInRefused code
    wait: str = ""

    @staff_event()
    def load(self) -> None:
        self.qr, self.secret, self.result, self.refused, self.wait = "", "", "", "", ""
        self.has_totp = staff_auth.has_totp(current_staff())

    @staff_event()
    def begin(self, form: dict) -> None:
        self.result, self.wait = "", ""
        try:
            enrolment = staff_auth.begin_totp(
                current_staff(), str(form.get("password", ""))[:512],
                str(form.get("code", ""))[:12], ratelimit.client_key(self.router.session.client_ip))
        except staff_auth.SignInRefused as refused:
            self.refused, self.wait = refused.code, _wait_sentence(_page_locale(self),
                                                                   refused.wait)
            return
        self.qr, self.secret, self.refused = enrolment.qr_data_uri, enrolment.secret, ""

    @staff_event()
    def cancel(self) -> None:
        """Leave the new factor unconfirmed: the one in force stays."""
        self.qr, self.secret, self.result = "", "", ""

    @staff_event()
    def confirm(self, form: dict) -> None:
        if staff_auth.confirm_totp(current_staff(), str(form.get("code", ""))[:12]):
            self.qr, self.secret, self.result, self.has_totp = "", "", "confirmed", True
            self.needs_totp = False
        else:
            self.result = "wrong"
