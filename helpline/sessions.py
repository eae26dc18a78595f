"""Server-side sessions. The browser holds a random token in an HttpOnly cookie;
the database holds only its SHA-256, with idle and absolute expiry."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.models import StaffRole, StaffUser, UserSession
from helpline.models._common import utcnow

STAFF_COOKIE = "abri_staff"
VICTIM_COOKIE = "abri_victim"


@dataclass(frozen=True)
class StaffPrincipal:
    staff_id: int
    session_id: str
    display_name: str
    roles: frozenset[str]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything Abri stores is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def open_staff_session(db: DbSession, staff_id: int, *, max_hours: int) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        UserSession(
            token_hash=_digest(token),
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
    row = db.exec(select(UserSession).where(UserSession.token_hash == _digest(token))).first()
    now = utcnow()
    if (
        row is None
        or row.staff_id is None
        or row.revoked_at is not None
        or _aware(row.expires_at) <= now
        or _aware(row.last_seen_at) + timedelta(minutes=idle_minutes) <= now
    ):
        return None
    staff = db.get(StaffUser, row.staff_id)
    if staff is None or staff.disabled_at is not None:
        return None
    row.last_seen_at = now
    db.add(row)
    roles = db.exec(select(StaffRole.role).where(StaffRole.staff_id == staff.id)).all()
    return StaffPrincipal(
        staff_id=staff.id, session_id=row.id, display_name=staff.display_name,
        roles=frozenset(roles),
    )


def revoke(db: DbSession, token: str | None) -> None:
    if not token:
        return
    row = db.exec(select(UserSession).where(UserSession.token_hash == _digest(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        db.add(row)
