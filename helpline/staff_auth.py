"""Staff sign-in and sign-out as units of work (each opens its own transaction)."""

from __future__ import annotations

from helpline.config import get_settings
from helpline.db import session_scope
from helpline.sessions import StaffPrincipal, open_staff_session, resolve_staff, revoke
from helpline.staff_accounts import authenticate_local


def sign_in_local(email: str, password: str) -> str | None:
    """A new session token for valid credentials, else None."""
    settings = get_settings()
    with session_scope() as db:
        staff = authenticate_local(db, email, password)
        if staff is None:
            return None
        return open_staff_session(db, staff.id, max_hours=settings.staff_session_max_hours)


def staff_from_token(token: str | None) -> StaffPrincipal | None:
    with session_scope() as db:
        return resolve_staff(db, token, idle_minutes=get_settings().staff_session_idle_minutes)


def sign_out(token: str | None) -> None:
    with session_scope() as db:
        revoke(db, token)
