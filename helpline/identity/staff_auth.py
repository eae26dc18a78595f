"""Staff sign-in (password + TOTP, or OpenID Connect), sessions and account control.

Each public function is one unit of work and opens its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline import audit, crypto
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.errors import Refused
from helpline.identity import totp
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal, open_staff_session, resolve_staff, revoke
from helpline.identity.staff_accounts import authenticate_local
from helpline.models import Role, StaffRole, StaffUser, UserSession
from helpline.models._common import utcnow
from helpline.ratelimit import NO_WAIT, Throttle, fail, succeed, wait

# Progressive delay (helpline.ratelimit): per account, per address, and per account from
# that address. A flood from one address soon slows that pair, and that address, while a
# colleague elsewhere still signs in; the whole account slows only when many addresses
# fail at it, and never for longer than an address must wait between its own tries.
PER_ACCOUNT_CLIENT = Throttle("staff-login-account-client", free=3,
                              first=timedelta(seconds=2), cap=timedelta(minutes=15))
PER_ACCOUNT = Throttle("staff-login-account", free=20,
                       first=timedelta(seconds=2), cap=timedelta(minutes=5))
PER_CLIENT = Throttle("staff-login-client", free=20,  # a shared office mistypes too
                      first=timedelta(seconds=2), cap=timedelta(minutes=15))
_TOTP_PURPOSE = "staff-totp-secret"
_PENDING_PURPOSE = "staff-totp-pending"


class SignInRefused(Refused):
    """Why a sign-in failed, as a code for the login page ("failed", "totp", "locked"),
    and how long before the next try is accepted (zero: at once)."""

    def __init__(self, code: str, wait: timedelta = NO_WAIT) -> None:
        super().__init__(code)
        self.wait = wait


class StaffMember(SQLModel):
    id: int
    email: str
    display_name: str
    specialty: str
    roles: list[str]
    disabled: bool
    has_totp: bool
    can_disable: bool = False  # not the one asking, nor the last active admin


@dataclass(frozen=True)
class TotpEnrolment:
    secret: str
    qr_data_uri: str


def _open(db: DbSession, staff: StaffUser, method: str) -> str:
    token = open_staff_session(db, staff.id, max_hours=get_settings().staff_session_max_hours)
    db.add(staff)
    audit.record(db, None, "staff.sign_in", "staff", staff.id, method)
    return token


def _refuse(db: DbSession, code: str, wait: timedelta = NO_WAIT) -> NoReturn:
    """Refuse, but keep what was counted: session_scope rolls back on the way out, which
    would otherwise undo it."""
    db.commit()
    raise SignInRefused(code, wait)


def _guards(email: str, client: str) -> tuple[tuple[Throttle, str], ...]:
    # By the typed email, not the account id: an unknown address behaves the same.
    email = email.strip().lower()
    return ((PER_ACCOUNT_CLIENT, f"{email}\n{client}"), (PER_ACCOUNT, email),
            (PER_CLIENT, client))


def _check_credentials(db: DbSession, email: str, password: str, code: str,
                       client: str) -> StaffUser:
    """The account if the password (and the current TOTP code, once enrolled) are right.
    Every wrong answer, password or code, counts toward the same delays."""
    guards = _guards(email, client)
    waiting = wait(db, *guards)
    if waiting > NO_WAIT:
        _refuse(db, "locked", waiting)
    staff = authenticate_local(db, email, password)
    if staff is None:
        _refuse(db, "failed", fail(db, *guards))
    if staff.totp_confirmed_at is not None:
        secret = crypto.open_text(_TOTP_PURPOSE, staff.totp_secret_enc, str(staff.id))
        step = totp.matching_counter(secret or "", code, after=staff.totp_last_counter)
        if step is None:
            _refuse(db, "totp", fail(db, *guards))
        staff.totp_last_counter = step
        db.add(staff)
    succeed(db, *guards[:2])  # the address keeps its count: see ratelimit.succeed
    return staff


def sign_in_local(email: str, password: str, code: str, client: str) -> str:
    """A session token for valid credentials (and TOTP code when enrolled)."""
    with session_scope() as db:
        staff = _check_credentials(db, email, password, code, client)
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


def confirm_presence(db: DbSession, principal: StaffPrincipal, *, password: str = "",
                     code: str = "") -> bool | None:
    """Whether the person at this session is its owner, asked again before something
    sensitive (opening an evidence original): their password, or the current TOTP code
    when a factor is enrolled. None when the account has neither (SSO without TOTP).
    The caller counts failures (helpline.ratelimit)."""
    staff = db.get(StaffUser, principal.staff_id)
    if staff is None or staff.disabled_at is not None:
        return False
    checked = False
    if code and staff.totp_confirmed_at is not None:
        secret = crypto.open_text(_TOTP_PURPOSE, staff.totp_secret_enc, str(staff.id))
        step = totp.matching_counter(secret or "", code, after=staff.totp_last_counter)
        if step is not None:
            staff.totp_last_counter = step
            db.add(staff)
            return True
        checked = True
    if password and staff.password_hash is not None:
        return authenticate_local(db, staff.email, password) is not None
    if checked or staff.password_hash is not None or staff.totp_confirmed_at is not None:
        return False
    return None


def staff_from_token(token: str | None) -> StaffPrincipal | None:
    with session_scope() as db:
        return resolve_staff(db, token, idle_minutes=get_settings().staff_session_idle_minutes)


def sign_out(token: str | None) -> None:
    with session_scope() as db:
        revoke(db, token)


# ---- TOTP enrolment -----------------------------------------------------------------------


def begin_totp(principal: StaffPrincipal, password: str, code: str,
               client: str) -> TotpEnrolment:
    """A new secret to enrol, once the person proved it is them again: their password,
    and the current code when a factor is in force (someone at an unlocked desk must not
    swap the factor). The current factor stays until the new one is confirmed."""
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        if staff is None or staff.password_hash is None:
            raise SignInRefused("sso")  # signs in through the organisation's provider
        _check_credentials(db, staff.email, password, code, client)
        secret = totp.new_secret()
        staff.totp_pending_enc = crypto.seal(_PENDING_PURPOSE, secret, str(staff.id))
        db.add(staff)
        uri = totp.provisioning_uri(secret, staff.email)
        return TotpEnrolment(secret=secret, qr_data_uri=totp.qr_data_uri(uri))


def has_totp(principal: StaffPrincipal) -> bool:
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        return staff is not None and staff.totp_confirmed_at is not None


def confirm_totp(principal: StaffPrincipal, code: str) -> bool:
    """The pending secret becomes the factor in force, if ``code`` comes from it.
    Wrong codes here are not counted: this secret is the caller's own, just shown."""
    with session_scope() as db:
        staff = db.get(StaffUser, principal.staff_id)
        secret = crypto.open_text(_PENDING_PURPOSE, staff.totp_pending_enc, str(staff.id))
        step = totp.matching_counter(secret, code, after=None) if secret else None
        if step is None:
            return False
        replaced = staff.totp_confirmed_at is not None
        staff.totp_secret_enc = crypto.seal(_TOTP_PURPOSE, secret, str(staff.id))
        staff.totp_pending_enc = None
        staff.totp_confirmed_at, staff.totp_last_counter = utcnow(), step
        db.add(staff)
        audit.record(db, principal, "staff.totp_replaced" if replaced else "staff.totp_enrolled",
                     "staff", staff.id)
        return True


# ---- team management (admins) -------------------------------------------------------------


def _require_admin(principal: StaffPrincipal | None, *roles: str) -> StaffPrincipal:
    return require(principal, roles or (Role.admin,), PermissionError)


def list_staff(principal: StaffPrincipal | None) -> list[StaffMember]:
    _require_admin(principal, Role.admin, Role.supervisor)
    with session_scope() as db:
        roles: dict[int, list[str]] = {}
        for staff_id, role in db.exec(select(StaffRole.staff_id, StaffRole.role)).all():
            roles.setdefault(staff_id, []).append(role)
        members = db.exec(select(StaffUser).order_by(StaffUser.display_name)).all()
        admins = _active_admins(db)
        return [
            StaffMember(id=s.id, email=s.email, display_name=s.display_name,
                        specialty=s.specialty or "", roles=sorted(roles.get(s.id, [])),
                        disabled=s.disabled_at is not None,
                        has_totp=s.totp_confirmed_at is not None,
                        can_disable=s.id != principal.staff_id and admins - {s.id} != set())
            for s in members
        ]


def _active_admins(db: DbSession) -> set[int]:
    return set(db.exec(select(StaffUser.id).join(StaffRole, StaffRole.staff_id == StaffUser.id)
                       .where(StaffRole.role == Role.admin,
                              col(StaffUser.disabled_at).is_(None))).all())


def set_disabled(principal: StaffPrincipal | None, staff_id: int, disabled: bool) -> None:
    """Disable (ending every session at once) or re-enable a colleague's account."""
    admin = _require_admin(principal)
    if staff_id == admin.staff_id:
        raise PermissionError("an admin cannot disable their own account")
    with session_scope() as db:
        staff = db.get(StaffUser, staff_id)
        if staff is None:
            raise LookupError(staff_id)
        if disabled and _active_admins(db) - {staff_id} == set():
            raise PermissionError("the last active admin cannot be disabled")
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
