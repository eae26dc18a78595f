"""The end of a conversation's time with one counsellor: a transfer or reassignment,
the wrap-up, the end, and the victim's two-question survey."""

from __future__ import annotations

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline import audit, crypto
from helpline.chat.access import for_staff, for_victim, require_chat_team
from helpline.chat.errors import ChatError
from helpline.chat.messages import store_message
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal
from helpline.models import Conversation, ConversationStatus, Role, SenderKind, StaffRole, StaffUser
from helpline.models._common import utcnow

OUTCOMES = ("listened", "advice_given", "takedown_requested", "referred_police",
            "referred_specialist", "emergency", "no_reply")
NOTE = "chat-wrap-up-note"  # the encryption label of wrap-up notes


def wrap_up_note(row: Conversation) -> str:
    """The decrypted wrap-up note, "" when none (staff only: callers checked access)."""
    return crypto.open_text(NOTE, row.wrap_up_note_enc, row.id) or ""


def end_by_victim(db: DbSession, victim: VictimPrincipal, conversation_id: str) -> None:
    row = for_victim(db, victim, conversation_id)
    if row.status != ConversationStatus.ended:
        row.status, row.ended_at, row.ended_by = ConversationStatus.ended, utcnow(), "victim"
        db.add(row)


def rate(db: DbSession, victim: VictimPrincipal, conversation_id: str, *, satisfaction: int,
         helped: int) -> None:
    """The two-question survey at the end (1 to 3 each; 0 is a question left
    unanswered — each is optional, but an empty survey says nothing)."""
    row = for_victim(db, victim, conversation_id)
    if row.status != ConversationStatus.ended:
        raise ChatError("not_ended")
    if satisfaction not in (0, 1, 2, 3) or helped not in (0, 1, 2, 3):
        raise ChatError("survey_invalid")
    if not satisfaction and not helped:
        raise ChatError("survey_empty")
    row.satisfaction, row.helped = satisfaction or None, helped or None
    db.add(row)


def wrap_up(db: DbSession, staff: StaffPrincipal, conversation_id: str, *, outcome: str,
            note: str) -> None:
    """Close with an outcome code and a required note (encrypted at rest)."""
    row = for_staff(db, staff, conversation_id)
    note = " ".join(note.split())
    if outcome not in OUTCOMES:
        raise ChatError("outcome_invalid")
    if len(note) < 3:
        raise ChatError("note_required")
    row.outcome_code = outcome
    row.wrap_up_note_enc = crypto.seal(NOTE, note[:4000], row.id)
    if row.status != ConversationStatus.ended:
        row.status, row.ended_at, row.ended_by = ConversationStatus.ended, utcnow(), "staff"
    db.add(row)
    audit.record(db, staff, "conversation.wrap_up", "conversation", row.id, outcome)


def transfer(db: DbSession, staff: StaffPrincipal, conversation_id: str, *,
             to_staff_id: int | None = None, specialty: str | None = None,
             note: str = "") -> None:
    """Hand over to a colleague, or back to the queue for a specialty, with a note the
    next counsellor reads (an internal message the victim never sees)."""
    row = for_staff(db, staff, conversation_id, lock=True)
    if row.status == ConversationStatus.ended:
        raise ChatError("ended")
    if to_staff_id is not None:
        target = db.get(StaffUser, to_staff_id)
        takes_chats = target is not None and db.exec(select(StaffRole).where(
            StaffRole.staff_id == target.id,
            col(StaffRole.role).in_((Role.counsellor, Role.specialist)))).first()
        if target is None or target.disabled_at is not None or not takes_chats:
            raise ChatError("transfer_target")  # as offered by colleagues()
        row.assigned_staff_id = target.id
    elif specialty:
        row.status, row.assigned_staff_id = ConversationStatus.waiting, None
        row.requested_specialty = specialty
    else:
        raise ChatError("transfer_target")
    if note.strip():
        store_message(db, row, sender=SenderKind.staff, staff_id=staff.staff_id,
                      text=f"↪ {note.strip()}", client_msg_id="", internal=True)
    db.add(row)
    audit.record(db, staff, "conversation.transfer", "conversation", row.id,
                 f"to={to_staff_id or specialty}")


def colleagues(db: DbSession, staff: StaffPrincipal) -> list[tuple[int, str, str]]:
    """Who a conversation can be handed to: (id, name, specialty) of enabled colleagues
    who take conversations."""
    require_chat_team(staff)
    rows = db.exec(select(StaffUser).where(StaffUser.disabled_at.is_(None),
                                           StaffUser.id != staff.staff_id)
                   .order_by(StaffUser.display_name)).all()
    roles = {(r.staff_id, r.role) for r in db.exec(select(StaffRole)).all()}
    return [(r.id, r.display_name, r.specialty or "") for r in rows
            if any((r.id, role) in roles for role in (Role.counsellor, Role.specialist))]
