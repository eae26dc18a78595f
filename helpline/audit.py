"""The audit log: an append-only record of what staff did, readable by supervisors
and admins, filtered by person and by object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import AuditEntry, Role, StaffUser
from helpline.text import FormShape, form_field, whole_or

READERS = (Role.supervisor, Role.admin)


class AuditDenied(PermissionError):
    """Only supervisors and admins read the audit log."""


class AuditPublic(SQLModel):
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    detail: str
    object_name: str = ""  # a staff member's name, for entries about one


def record(db: DbSession, actor: StaffPrincipal | None, action: str, object_type: str,
           object_id: str | int | None = None, detail: str | None = None) -> None:
    db.add(AuditEntry(actor_staff_id=actor.staff_id if actor else None, action=action,
                      object_type=object_type,
                      object_id=None if object_id is None else str(object_id),
                      detail=(detail or None) and detail[:500]))


@dataclass(frozen=True)
class AuditFilter(FormShape):
    """The audit page's filter: a person (None: anyone) and an object id ("": any).
    A value no page sends is an InputError: nothing in the log could match it."""

    staff_id: int | None = form_field(12, token=True, then=whole_or(None))
    object_id: str = form_field(64, token=True)


def search(db: DbSession, principal: StaffPrincipal | None, *, staff_id: int | None = None,
           object_id: str | None = None, limit: int = 200) -> list[AuditPublic]:
    require(principal, READERS, AuditDenied)
    query = (select(AuditEntry, StaffUser.display_name)
             .join(StaffUser, StaffUser.id == AuditEntry.actor_staff_id, isouter=True)
             .order_by(AuditEntry.id.desc()).limit(limit))
    if staff_id is not None:
        query = query.where(AuditEntry.actor_staff_id == staff_id)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id.strip())
    record(db, principal, "audit.read", "audit",
           detail=f"staff={staff_id or '*'} object={object_id or '*'}")
    found = db.exec(query).all()
    about_staff = {int(e.object_id) for e, _ in found
                   if e.object_type == "staff" and (e.object_id or "").isdigit()}
    names = dict(db.exec(select(StaffUser.id, StaffUser.display_name)
                         .where(col(StaffUser.id).in_(about_staff))).all()) if about_staff else {}
    return [
        AuditPublic(at=entry.at, actor=name or "—", action=entry.action,
                    object_type=entry.object_type, object_id=entry.object_id or "",
                    detail=entry.detail or "",
                    object_name=names.get(int(entry.object_id), "")
                    if entry.object_type == "staff" and (entry.object_id or "").isdigit() else "")
        for entry, name in found
    ]
