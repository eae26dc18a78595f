"""Server-side sessions. The browser holds a random token in an HttpOnly cookie;
the database holds only its SHA-256, with idle and absolute expiry."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session as DbSession
from sqlmodel import select
from user_agents import parse as parse_user_agent

from helpline import crypto
from helpline.models import Role, StaffRole, StaffUser, UserSession
from helpline.models._common import aware, utcnow

STAFF_COOKIE = "abri_staff"
VICTIM_COOKIE = "abri_victim"
# Activity is written at most this often: every chat event would otherwise be a write.
# Idle limits are minutes, so a few seconds of slack cannot lock anyone early in practice.
TOUCH_EVERY = timedelta(seconds=10)
# What a session remembers of its device: a browser family and a kind, from these short
# lists only, so no version, model or anything else of the User-Agent is ever kept.
BROWSERS = ("chrome", "edge", "firefox", "opera", "safari", "samsung")
DEVICE_KINDS = ("phone", "tablet", "computer")
UNKNOWN = "other"
_USER_AGENT_MAX = 512  # longer headers are cut before parsing: the regexes cost time
_DEVICE_PURPOSE = "session-device"


@dataclass(frozen=True)
class StaffPrincipal:
    staff_id: int
    session_id: str
    display_name: str
    roles: frozenset[str]
    needs_totp: bool = False  # an admin without a second factor acts without admin rights

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A session token: 256 bits from the OS's CSPRNG."""
    return secrets.token_urlsafe(32)


def describe_device(user_agent: str | None) -> str:
    """"firefox/phone": the browser family and kind of device a User-Agent claims,
    or "other" for what is not recognised. A claim, not proof: it only helps a person
    recognise their own devices."""
    parsed = parse_user_agent((user_agent or "")[:_USER_AGENT_MAX])
    family = parsed.browser.family.lower()
    # "Chrome Mobile iOS", "Mobile Safari", "Samsung Internet" … name the family.
    browser = next((b for b in BROWSERS if b in family), UNKNOWN)
    if parsed.is_tablet:
        kind = "tablet"
    elif parsed.is_mobile:
        kind = "phone"
    elif parsed.is_pc:
        kind = "computer"
    else:
        kind = UNKNOWN
    return f"{browser}/{kind}"


def seal_device(row: UserSession, user_agent: str | None) -> None:
    # Sealed: with the days a session was used, even a coarse device helps tell
    # whose account it is.
    row.device_enc = crypto.seal(_DEVICE_PURPOSE, describe_device(user_agent), row.id)


def device_of(row: UserSession) -> tuple[str, str]:
    """(browser, kind) of a session; ("other", "other") when it was not recorded or
    does not open (moved from another row)."""
    try:
        text = crypto.open_text(_DEVICE_PURPOSE, row.device_enc, row.id) or ""
    except crypto.CryptoError:
        text = ""
    browser, _, kind = text.partition("/")
    return (browser if browser in BROWSERS else UNKNOWN,
            kind if kind in DEVICE_KINDS else UNKNOWN)


def open_staff_session(db: DbSession, staff_id: int, *, max_hours: int) -> str:
    token = new_token()
    now = utcnow()
    db.add(
        UserSession(
            token_hash=digest(token),
            staff_id=staff_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=max_hours),
        )
    )
    db.flush()
    return token


def resolve_staff(
    db: DbSession, token: str | None, *, idle_minutes: int
) -> StaffPrincipal | None:
    """The staff member behind a cookie token, or None if the session is not live."""
    if not token:
        return None
    found = db.exec(select(UserSession, StaffUser).join(StaffUser,
                                                        StaffUser.id == UserSession.staff_id)
                    .where(UserSession.token_hash == digest(token))).first()
    if found is None:
        return None
    row, staff = found
    now = utcnow()
    if (
        row.revoked_at is not None
        or aware(row.expires_at) <= now
        or aware(row.last_seen_at) + timedelta(minutes=idle_minutes) <= now
        or staff.disabled_at is not None
    ):
        return None
    if now - aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
        db.add(row)
    roles = frozenset(db.exec(select(StaffRole.role).where(StaffRole.staff_id == staff.id)).all())
    needs_totp = (Role.admin in roles and staff.totp_confirmed_at is None
                  and staff.oidc_subject is None)
    return StaffPrincipal(
        staff_id=staff.id, session_id=row.id, display_name=staff.display_name,
        roles=roles - {Role.admin} if needs_totp else roles, needs_totp=needs_totp,
    )


def revoke(db: DbSession, token: str | None) -> None:
    if not token:
        return
    row = db.exec(select(UserSession).where(UserSession.token_hash == digest(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        db.add(row)
