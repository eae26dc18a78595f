"""The victim's case file, shown to the counsellor beside the chat: what the helpline
already knows about this person, from earlier conversations and what they shared.

Staff-only: it holds wrap-up notes and internal notes. Access is the chat's own (the
counsellor holding the conversation, or a supervisor) and every read is audited.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, func, select

from helpline import audit, chat, vault
from helpline.chat.triage import open_triage
from helpline.config import get_settings
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import age_band_of, nickname_of
from helpline.models import (
    Conversation,
    Message,
    Platform,
    StaffUser,
    TakedownRequest,
    Victim,
)
from helpline.models._common import aware
from helpline.quiz.results import QuizResultPublic, results_for_victim
from helpline.vault import SharedItem

MAX_PREVIOUS = 20


class VictimFacts(SQLModel):
    """What a counsellor may know of the person: what they chose to tell the helpline
    in « Mon espace », never anything of the recovery code or PIN."""

    nickname: str  # "" when not given
    age_band: str  # "" when not given
    previous_count: int  # conversations before this one (all of them, not only those listed)
    member_since: date  # account creation, in the helpline's timezone


class CaseNote(SQLModel):
    at: datetime
    author: str
    text: str


class PastConversation(SQLModel):
    id: str
    created_at: datetime
    ended_at: datetime | None
    status: str
    topics: list[str]
    risk_flags: list[str]
    outcome_code: str  # "" when not wrapped up
    counsellor_name: str  # "" when nobody took it
    wrap_up_note: str  # decrypted; "" when none
    notes: list[CaseNote]  # the internal notes of that conversation, oldest first


class TakedownSummary(SQLModel):
    id: str
    platform: str
    status: str
    created_at: datetime
    submitted_at: datetime | None
    resolved_at: datetime | None


class CaseFile(SQLModel):
    conversation_id: str
    victim: VictimFacts
    previous: list[PastConversation]  # newest first, at most MAX_PREVIOUS
    evidence: list[SharedItem]  # live shares, most recently shared first
    takedowns: list[TakedownSummary]  # newest first
    quiz_results: list[QuizResultPublic] = []  # results they chose to show, newest first


def case_file(db: DbSession, staff: StaffPrincipal, conversation_id: str) -> CaseFile:
    """The case file of the victim in this conversation. Raises ChatError like the chat
    service ("forbidden", "not_found")."""
    row = chat.for_staff(db, staff, conversation_id)
    victim = db.get(Victim, row.victim_id)
    before = (Conversation.victim_id == row.victim_id, Conversation.id != row.id,
              Conversation.created_at <= row.created_at)
    previous_count = db.exec(select(func.count()).select_from(Conversation).where(*before)).one()
    earlier = list(db.exec(select(Conversation).where(*before)
                           .order_by(Conversation.created_at.desc(), Conversation.id)
                           .limit(MAX_PREVIOUS)).all())
    audit.record(db, staff, "casefile.read", "conversation", row.id)
    return CaseFile(
        conversation_id=row.id,
        victim=VictimFacts(
            nickname=nickname_of(victim.id, victim.nickname_enc),
            age_band=age_band_of(victim.id, victim.age_band_enc),
            previous_count=previous_count,
            member_since=aware(victim.created_at).astimezone(
                ZoneInfo(get_settings().timezone)).date(),
        ),
        previous=_past(db, earlier),
        evidence=_shared_evidence(db, row.victim_id),
        takedowns=_takedowns(db, row.victim_id),
        quiz_results=results_for_victim(db, row.victim_id),
    )


def _past(db: DbSession, rows: list[Conversation]) -> list[PastConversation]:
    if not rows:
        return []
    by_id = {r.id: r for r in rows}
    staff_ids = {r.assigned_staff_id for r in rows if r.assigned_staff_id is not None}
    internal = list(db.exec(select(Message).where(
        col(Message.conversation_id).in_(list(by_id)), Message.internal.is_(True))
        .order_by(Message.id)).all())
    staff_ids |= {m.sender_staff_id for m in internal if m.sender_staff_id is not None}
    names = {s.id: s.display_name for s in db.exec(
        select(StaffUser).where(col(StaffUser.id).in_(list(staff_ids)))).all()} \
        if staff_ids else {}
    notes: dict[str, list[CaseNote]] = {r.id: [] for r in rows}
    for message in internal:
        shown = chat.message_public(db, by_id[message.conversation_id], message, names)
        notes[message.conversation_id].append(
            CaseNote(at=shown.at, author=shown.sender_name, text=shown.text))
    return [
        PastConversation(
            id=r.id, created_at=aware(r.created_at),
            ended_at=aware(r.ended_at) if r.ended_at else None, status=r.status,
            topics=list(told.topics), risk_flags=list(told.flags),
            outcome_code=r.outcome_code or "",
            counsellor_name=names.get(r.assigned_staff_id, "") if r.assigned_staff_id else "",
            wrap_up_note=chat.wrap_up_note(r),
            notes=notes[r.id],
        )
        for r, told in ((r, open_triage(r.id, r.triage_enc)) for r in rows)
    ]


def _shared_evidence(db: DbSession, victim_id: str) -> list[SharedItem]:
    """Originals the victim shared and has not withdrawn or deleted (never working copies
    or thumbnails as items of their own); access is the chat's, checked above."""
    return vault.shared_items(db, victim_id)


def _takedowns(db: DbSession, victim_id: str) -> list[TakedownSummary]:
    rows = db.exec(select(TakedownRequest, Platform.name)
                   .join(Platform, Platform.id == TakedownRequest.platform_id)
                   .where(TakedownRequest.victim_id == victim_id)
                   .order_by(TakedownRequest.created_at.desc(), TakedownRequest.id)).all()
    return [
        TakedownSummary(id=r.id, platform=name, status=r.status, created_at=aware(r.created_at),
                        submitted_at=aware(r.submitted_at) if r.submitted_at else None,
                        resolved_at=aware(r.resolved_at) if r.resolved_at else None)
        for r, name in rows
    ]
