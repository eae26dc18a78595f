"""The queue: a victim opens a conversation (or leaves a message out of hours) and sees
their place; counsellors see its head and health and take the next one."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, and_, col, func, or_, select, true, update

from helpline import audit
from helpline.chat import risk
from helpline.chat.access import (
    ConversationPublic,
    conversation_public,
    for_victim,
    require_chat_team,
)
from helpline.chat.errors import ChatError
from helpline.chat.hours import is_open
from helpline.chat.triage import Triage, seal_triage
from helpline.config import get_settings
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal, nickname_of
from helpline.models import (
    Conversation,
    ConversationStatus,
    Message,
    Role,
    SenderKind,
    StaffUser,
    Victim,
)
from helpline.models._common import aware, new_id, utcnow

TOPICS = ("insults", "rumours", "intimate_images", "threats", "impersonation", "exclusion",
          "other")
OPEN = (ConversationStatus.waiting, ConversationStatus.active, ConversationStatus.message_left)
DEFAULT_HANDLING_MINUTES = 10  # used to estimate waits before there is any history


class QueuePlace(SQLModel):
    position: int  # 1 = next
    waiting: int
    estimated_minutes: int


class QueueHealth(SQLModel):
    waiting: int
    longest_wait_minutes: int
    high_risk: int


class HeldConversation(NamedTuple):
    conversation: ConversationPublic  # with the young person's chosen name
    unread: int  # their messages nobody has read yet: the badge on its tab
    undelivered: int  # their messages this counsellor's console has not had yet


# ---- victims ------------------------------------------------------------------------------


def open_conversation(db: DbSession, victim: VictimPrincipal, *, topics: list[str],
                      urgency: int, consent: bool, now: datetime | None = None
                      ) -> ConversationPublic:
    """Join the queue (or, out of hours, leave a message). One open conversation per
    victim: asking again returns the one already open."""
    if victim.locked:
        raise ChatError("locked")
    if not consent:
        raise ChatError("consent_required")
    current = current_conversation(db, victim)
    if current is not None:
        return current
    topics = sorted({t for t in topics if t in TOPICS})
    urgency = min(max(int(urgency), 0), 3)
    now = now or utcnow()
    status = ConversationStatus.waiting if is_open(get_settings(), now) \
        else ConversationStatus.message_left
    conversation_id = new_id()
    row = Conversation(id=conversation_id, victim_id=victim.victim_id, status=status,
                       triage_enc=seal_triage(conversation_id, Triage(tuple(topics), urgency)),
                       priority=risk.base_priority(topics, urgency), consent_at=now,
                       created_at=now)
    db.add(row)
    db.flush()
    return conversation_public(db, row)


def current_conversation(db: DbSession, victim: VictimPrincipal) -> ConversationPublic | None:
    if victim.locked:
        raise ChatError("locked")
    row = db.exec(select(Conversation).where(
        Conversation.victim_id == victim.victim_id, col(Conversation.status).in_(OPEN))
        .order_by(Conversation.created_at.desc())).first()
    return conversation_public(db, row) if row else None


def queue_place(db: DbSession, victim: VictimPrincipal, conversation_id: str) -> QueuePlace:
    """Counted in the database, in the queue's own order (priority, then wait)."""
    row = for_victim(db, victim, conversation_id)
    queued = Conversation.status == ConversationStatus.waiting
    ahead = or_(Conversation.priority > row.priority,
                and_(Conversation.priority == row.priority,
                     Conversation.created_at < row.created_at))
    waiting, before = db.exec(select(func.count(), func.count().filter(ahead))
                              .where(queued)).one()
    position = before + 1 if row.status == ConversationStatus.waiting else 0
    return QueuePlace(position=position, waiting=waiting,
                      estimated_minutes=_estimate(db, position) if position else 0)


def leave_message_instead(db: DbSession, victim: VictimPrincipal, conversation_id: str
                          ) -> bool:
    """The young person cannot wait: the conversation leaves the queue with what they
    wrote and waits for a counsellor to answer later, as a message left out of hours
    does. False if a counsellor took it first (the chat then simply goes on)."""
    for_victim(db, victim, conversation_id)
    left = db.execute(update(Conversation).where(
        Conversation.id == conversation_id, Conversation.status == ConversationStatus.waiting,
        col(Conversation.assigned_staff_id).is_(None)).values(
        status=ConversationStatus.message_left))
    db.expire_all()
    return left.rowcount == 1


# ---- staff ------------------------------------------------------------------------------


def _waiting(db: DbSession, limit: int | None = None) -> list[Conversation]:
    return list(db.exec(select(Conversation).where(
        Conversation.status == ConversationStatus.waiting)
        .order_by(Conversation.priority.desc(), Conversation.created_at).limit(limit)).all())


def _estimate(db: DbSession, position: int) -> int:
    """Minutes until a counsellor answers, from how long recent waits really took."""
    recent = db.exec(select(Conversation.created_at, Conversation.taken_at).where(
        col(Conversation.taken_at).is_not(None)).order_by(Conversation.taken_at.desc())
        .limit(20)).all()
    waits = [(aware(t) - aware(c)).total_seconds() / 60 for c, t in recent]
    per_place = statistics.median(waits) if waits else DEFAULT_HANDLING_MINUTES
    return max(1, round(per_place * position))


def queue(db: DbSession, staff: StaffPrincipal, limit: int | None = None
          ) -> list[ConversationPublic]:
    """The waiting conversations by priority then wait; ``limit``: only the first ones."""
    require_chat_team(staff)
    return [conversation_public(db, row) for row in _waiting(db, limit)]


def queue_health(db: DbSession, staff: StaffPrincipal, now: datetime | None = None
                 ) -> QueueHealth:
    """How many wait, the longest wait, and how many of the open conversations this
    console lists are at high risk — the queue, and those in progress that it shows (all
    of them for a supervisor, one's own otherwise): one query, however long the queue."""
    require_chat_team(staff)
    waits = Conversation.status == ConversationStatus.waiting
    shown = or_(waits, and_(Conversation.status == ConversationStatus.active,
                            true() if staff.has_role(Role.supervisor)
                            else Conversation.assigned_staff_id == staff.staff_id))
    waiting, oldest, high = db.exec(select(
        func.count().filter(waits), func.min(Conversation.created_at).filter(waits),
        func.count().filter(Conversation.priority >= risk.HIGH_RISK)).where(shown)).one()
    longest = (now or utcnow()) - aware(oldest) if oldest else timedelta()
    return QueueHealth(waiting=waiting, high_risk=high,
                       longest_wait_minutes=max(0, int(longest.total_seconds() // 60)))


def live_conversations(db: DbSession, staff: StaffPrincipal) -> list[ConversationPublic]:
    """Every conversation in progress and who holds it: the supervisor's view."""
    if not staff.has_role(Role.supervisor):
        raise ChatError("forbidden")
    rows = db.exec(select(Conversation).where(
        Conversation.status == ConversationStatus.active)
        .order_by(Conversation.priority.desc(), Conversation.taken_at)).all()
    return [conversation_public(db, r) for r in rows]


def my_conversations(db: DbSession, staff: StaffPrincipal) -> list[ConversationPublic]:
    return [held.conversation for held in held_conversations(db, staff)]


def held_conversations(db: DbSession, staff: StaffPrincipal) -> list[HeldConversation]:
    """The conversations a staff member holds, with what tells their tabs apart and
    their counts of unread and undelivered messages: one query."""
    def victims_messages(*where):
        return select(func.count()).where(
            Message.conversation_id == Conversation.id,
            Message.sender_kind == SenderKind.victim, *where,
        ).correlate(Conversation).scalar_subquery()

    rows = db.exec(select(Conversation, victims_messages(col(Message.read_at).is_(None)),
                          victims_messages(col(Message.delivered_at).is_(None)),
                          StaffUser, Victim.id, Victim.nickname_enc)
                   .join(StaffUser, StaffUser.id == Conversation.assigned_staff_id)
                   .join(Victim, Victim.id == Conversation.victim_id).where(
        Conversation.assigned_staff_id == staff.staff_id,
        Conversation.status == ConversationStatus.active).order_by(Conversation.taken_at)).all()
    return [HeldConversation(
                conversation_public(db, r, holder, nickname_of(victim_id, sealed_name)),
                unread, undelivered)
            for r, unread, undelivered, holder, victim_id, sealed_name in rows]


def left_messages(db: DbSession, staff: StaffPrincipal) -> list[ConversationPublic]:
    """Conversations left out of hours, oldest first, waiting for an answer: only those
    where the young person wrote something (one who left without writing left nothing)."""
    require_chat_team(staff)
    wrote = select(Message.id).where(Message.conversation_id == Conversation.id,
                                     Message.sender_kind == SenderKind.victim).exists()
    rows = db.exec(select(Conversation).where(
        Conversation.status == ConversationStatus.message_left, wrote,
        col(Conversation.assigned_staff_id).is_(None)).order_by(Conversation.created_at)).all()
    return [conversation_public(db, r) for r in rows]


def _claim(db: DbSession, staff: StaffPrincipal, conversation_id: str, status: str) -> bool:
    claimed = db.execute(
        update(Conversation)
        .where(Conversation.id == conversation_id, Conversation.status == status,
               col(Conversation.assigned_staff_id).is_(None))
        .values(status=ConversationStatus.active, assigned_staff_id=staff.staff_id,
                taken_at=utcnow()))
    if claimed.rowcount != 1:
        return False
    db.expire_all()
    audit.record(db, staff, "conversation.take", "conversation", conversation_id)
    return True


def _check_capacity(db: DbSession, staff: StaffPrincipal) -> None:
    require_chat_team(staff)
    member = db.get(StaffUser, staff.staff_id)
    active = db.exec(select(func.count()).select_from(Conversation).where(
        Conversation.assigned_staff_id == staff.staff_id,
        Conversation.status == ConversationStatus.active)).one()
    if active >= member.capacity:
        raise ChatError("capacity")


def answer_left_message(db: DbSession, staff: StaffPrincipal, conversation_id: str
                        ) -> ConversationPublic:
    """Take a message left out of hours, to answer it."""
    _check_capacity(db, staff)
    if not _claim(db, staff, conversation_id, ConversationStatus.message_left):
        raise ChatError("not_found")
    return conversation_public(db, db.get(Conversation, conversation_id))


def take_next(db: DbSession, staff: StaffPrincipal) -> ConversationPublic:
    """The highest-priority waiting conversation, within the counsellor's capacity.
    A conditional update makes two counsellors taking at once get different ones."""
    _check_capacity(db, staff)
    member = db.get(StaffUser, staff.staff_id)
    for candidate in _waiting(db):
        # A conversation handed over to a specialty waits for that specialty.
        if candidate.requested_specialty and candidate.requested_specialty != member.specialty \
                and not staff.has_role(Role.supervisor):
            continue
        if _claim(db, staff, candidate.id, ConversationStatus.waiting):
            return conversation_public(db, db.get(Conversation, candidate.id))
    raise ChatError("queue_empty")
