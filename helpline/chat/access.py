"""Who may see a conversation: the victim whose it is, the counsellor holding it, a
supervisor. Every chat function goes through one of these before touching a row."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel

from helpline.chat.errors import ChatError
from helpline.chat.triage import open_triage
from helpline.identity.access import CHAT_TEAM, require
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal
from helpline.models import Conversation, Role, StaffUser
from helpline.models._common import aware


class ConversationPublic(SQLModel):
    id: str
    status: str
    topics: list[str]
    urgency: int
    priority: int
    risk_flags: list[str]
    created_at: datetime
    counsellor_name: str
    counsellor_specialty: str
    assigned_staff_id: int | None
    victim_name: str = ""  # the young person's chosen name: filled for their counsellor only


def for_victim(db: DbSession, victim: VictimPrincipal, conversation_id: str,
               *, lock: bool = False) -> Conversation:
    """The victim's own conversation, or ChatError("locked"/"not_found")."""
    if victim.locked:
        raise ChatError("locked")
    row = db.get(Conversation, conversation_id, with_for_update=lock)
    if row is None or row.victim_id != victim.victim_id:
        raise ChatError("not_found")  # the same answer whether it exists or not
    return row


def require_chat_team(staff: StaffPrincipal) -> None:
    """Conversations are for counsellors, specialists and supervisors only."""
    require(staff, CHAT_TEAM, ChatError)


def for_staff(db: DbSession, staff: StaffPrincipal, conversation_id: str,
              *, take_over: bool = False, lock: bool = False) -> Conversation:
    """A conversation this staff member holds (any, for a supervisor), or ChatError."""
    require_chat_team(staff)
    row = db.get(Conversation, conversation_id, with_for_update=lock)
    if row is None:
        raise ChatError("not_found")
    if row.assigned_staff_id != staff.staff_id and not staff.has_role(Role.supervisor) \
            and not take_over:
        raise ChatError("forbidden")
    return row


def conversation_public(db: DbSession, row: Conversation, holder: StaffUser | None = None,
                        victim_name: str = "") -> ConversationPublic:
    """``holder``: the assigned staff member when the caller has already loaded them."""
    staff = holder or (db.get(StaffUser, row.assigned_staff_id) if row.assigned_staff_id
                       else None)
    told = open_triage(row.id, row.triage_enc)
    return ConversationPublic(
        id=row.id, status=row.status, topics=list(told.topics), urgency=told.urgency,
        priority=row.priority, risk_flags=list(told.flags), created_at=aware(row.created_at),
        counsellor_name=staff.display_name if staff else "",
        counsellor_specialty=staff.specialty or "" if staff else "",
        assigned_staff_id=row.assigned_staff_id, victim_name=victim_name,
    )
