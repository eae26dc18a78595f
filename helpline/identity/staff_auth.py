"""Staff sign-in (password + TOTP, or OpenID Connect), sessions and account control.

Each public function is one unit of work and opens its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, select

from helpline import audit, crypto
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.identity import totp
from helpline.identity.sessions import StaffPrincipal, open_staff_session, resolve_staff, revoke
from helpline.identity.staff_accounts import authenticate_local
from helpline.models import Role, StaffRole, StaffUser, UserSession
from helpline.models._common import aware, utcnow
from helpline.ratelimit import count_failure, exhausted

FAILURES_BEFORE_LOCK = 10
LOCK_MINUTES = 15
ATTEMPTS_PER_CLIENT = 30
ATTEMPT_WINDOW = timedelta(minutes=15)
_TOTP_PURPOSE = "staff-totp-secret"


class SignInRefused(PermissionError):
    """Why a sign-in failed, as a code for the login page ("failed", "totp", "locked")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class StaffMember(SQLModel):
    id: int
    email: str
    display_name: str
    specialty: str
    roles: list[str]
    disabled: bool
    has_totp: bool


@dataclass(frozen=True)
class TotpEnrolment:
    secret: str
    qr_data_uri: str


def _open(db: DbSession, staff: StaffUser, method: str) -> str:
    token = open_staff_session(db, staff.id, max_hours=get_settings().staff_session_max_hours)
    db.add(staff)
    audit.record(db, None, "staff.sign_in", "staff", staff.id, method)
    return token


def _refuse(db: DbSession, code: str) -> NoReturn:
    """Refuse, but keep what was counted (attempts, failures, lock): session_scope rolls
    back on the way out, which would otherwise undo it."""
    db.commit()
    raise SignInRefused(code)


def sign_in_local(email: str, password: str, code: str, client: str) -> str:
    """A session token for valid credentials (and TOTP code when enrolled)."""
    with session_scope() as db:
        client_key = f"staff-login:{client}"  # failures only: a busy office signs in often
        if exhausted(db, client_key, limit=ATTEMPTS_PER_CLIENT, window=ATTEMPT_WINDOW):
            _refuse(db, "locked")
        staff = db.exec(select(StaffUser).where(
            StaffUser.email == email.strip().lower())).first()
        now = utcnow()
        if staff is not None and staff.locked_until and aware(staff.locked_until) > now:
            _refuse(db, "locked")
        if authenticate_local(db, email, password) is None:
            count_failure(db, client_key, window=ATTEMPT_WINDOW)
            if staff is not None:
                staff.failed_logins += 1
                if staff.failed_logins % FAILURES_BEFORE_LOCK == 0:
                    staff.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                db.add(staff)
            _refuse(db, "failed")
        if staff.totp_confirmed_at is not None:
            secret = crypto.open_text(_TOTP_PURPOSE, staff.totp_secret_enc, str(staff.id))
            step = totp.matching_counter(secret or "", code, after=staff.totp_last_counter)
            if step is None:
                count_failure(db, client_key, window=ATTEMPT_WINDOW)
                staff.failed_logins += 1
                db.add(staff)
                _refuse(db, "totp")
            staff.totp_last_counter = step
        staff.failed_logins, staff.locked_until = 0, None
        return _open(db, staff, "password+totp" if staff.totp_confirmed_at else "password")


def sign_in_oidc(issuer: str, subject: str, email: str | None, *,
                 email_verified: bool = False) -> str:
    """A session for an identity the provider vouched for. The account must exist:
    bound to (issuer, subject), or pre-created with this email — bound now, and only
    if the provider says it verified that email (else anyone it vouches for with that
    address could claim the account)."""
    with session_scope() as db:
        staff = db.exec(select(StaffUser).where(StaffUser.oidc_issuer == issuer,
                                                StaffUser.oidc_subject == subject)).first()
        if staff is None and email and email_verified:
            staff = db.exec(select(StaffUser).where(
                StaffUser.email == email.strip().lower(),
                StaffUser.oidc_subject.is_(None))).first()
            if staff is not None:
                staff.oidc_issuer, staff.oidc_subject = issuer, subject
        if staff is None or staff.disabled_at is not None:
            raise SignInRefused("unknown")
        return _open(db, staff, "oidc")


def staff_from_token(token: str | None) -> StaffPrincipal | None:
    with session_scope() as db:
        return resolve_staff(db, token, idle_minutes=get_settings().staff_session_idle_minutes)


def sign_out(token: str | None) -> None:
    with session_scope() as db:
        revoke(db, token)


# ---- TOTP enrolment -----------------------------------------------------------------------


def begin_totp(principal: StaffPrincipal) -> TotpEnrolment:
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        secret = totp.new_secret()
        staff.totp_secret_enc = crypto.seal(_TOTP_PURPOSE, secret, str(staff.id))
        staff.totp_confirmed_at = None
        db.add(staff)
        uri = totp.provisioning_uri(secret, staff.email)
        return TotpEnrolment(secret=secret, qr_data_uri=totp.qr_data_uri(uri))


def has_totp(principal: StaffPrincipal) -> bool:
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        return staff is not None and staff.totp_confirmed_at is not None


def confirm_totp(principal: StaffPrincipal, code: str) -> bool:
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        secret = crypto.open_text(_TOTP_PURPOSE, staff.totp_secret_enc, str(staff.id))
        step = totp.matching_counter(secret or "", code, after=None) if secret else None
        if step is None:
            return False
        staff.totp_confirmed_at, staff.totp_last_counter = utcnow(), step
        db.add(staff)
        audit.record(db, principal, "staff.totp_enrolled", "staff", staff.id)
        return True


# ---- team management (admins) -------------------------------------------------------------


def _require_admin(principal: StaffPrincipal | None, *roles: str) -> StaffPrincipal:
    if principal is None or not principal.has_role(*(roles or (Role.admin,))):
        raise PermissionError("admin only")
    return principal


def list_staff(principal: StaffPrincipal | None) -> list[StaffMember]:
    _require_admin(principal, Role.admin, Role.supervisor)
    with session_scope() as db:
        roles: dict[int, list[str]] = {}
        for staff_id, role in db.exec(select(StaffRole.staff_id, StaffRole.role)).all():
            roles.setdefault(staff_id, []).append(role)
        return [
            StaffMember(id=s.id, email=s.email, display_name=s.display_name,
                        specialty=s.specialty or "", roles=sorted(roles.get(s.id, [])),
                        disabled=s.disabled_at is not None,
                        has_totp=s.totp_confirmed_at is not None)
            for s in db.exec(select(StaffUser).order_by(StaffUser.display_name)).all()
        ]


def set_disabled(principal: StaffPrincipal | None, staff_id: int, disabled: bool) -> None:
    """Disable (ending every session at once) or re-enable a colleague's account."""
    admin = _require_admin(principal)
    if staff_id == admin.staff_id:
        raise PermissionError("an admin cannot disable their own account")
    with session_scope() as db:
        staff = db.get(StaffUser, staff_id)
        if staff is None:
            raise LookupError(staff_id)
        now = utcnow()
        staff.disabled_at = now if disabled else None
        db.add(staff)
        if disabled:
            for row in db.exec(select(UserSession).where(UserSession.staff_id == staff_id,
                                                         UserSession.revoked_at.is_(None))):
                row.revoked_at = now
                db.add(row)
        audit.record(db, admin, "staff.disabled" if disabled else "staff.enabled", "staff",
                     staff_id)
