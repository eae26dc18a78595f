"""The chat service. The database is the source of truth: a message is committed
before anyone is told about it, and its body is encrypted at rest. Every function
takes the principal and checks that it may touch this conversation.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, and_, col, func, or_, select, update

from helpline import audit, crypto
from helpline.chat import risk
from helpline.chat.errors import ChatError
from helpline.chat.hours import is_open
from helpline.chat.text import clean_message
from helpline.chat.triage import Triage, open_triage, seal_triage
from helpline.config import get_settings
from helpline.identity.access import CHAT_TEAM, require
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal, nickname_of
from helpline.models import (
    Conversation,
    ConversationStatus,
    Message,
    Role,
    SenderKind,
    StaffRole,
    StaffUser,
    Victim,
)
from helpline.models._common import aware, new_id, utcnow

TOPICS = ("insults", "rumours", "intimate_images", "threats", "impersonation", "exclusion",
          "other")
OUTCOMES = ("listened", "advice_given", "takedown_requested", "referred_police",
            "referred_specialist", "emergency", "no_reply")
OPEN = (ConversationStatus.waiting, ConversationStatus.active, ConversationStatus.message_left)
_BODY = "chat-message"
_NOTE = "chat-wrap-up-note"
DEFAULT_HANDLING_MINUTES = 10  # used to estimate waits before there is any history


class MessagePublic(SQLModel):
    id: int
    sender: str  # victim, staff, system
    sender_name: str
    text: str
    at: datetime
    internal: bool
    delivered: bool
    read: bool
    client_msg_id: str


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


class QueuePlace(SQLModel):
    position: int  # 1 = next
    waiting: int
    estimated_minutes: int


class QueueHealth(SQLModel):
    waiting: int
    longest_wait_minutes: int
    high_risk: int


# ---- access -----------------------------------------------------------------------------


def _for_victim(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                *, lock: bool = False) -> Conversation:
    if victim.locked:
        raise ChatError("locked")
    row = db.get(Conversation, conversation_id, with_for_update=lock)
    if row is None or row.victim_id != victim.victim_id:
        raise ChatError("not_found")  # the same answer whether it exists or not
    return row


def require_chat_team(staff: StaffPrincipal) -> None:
    """Conversations are for counsellors, specialists and supervisors only."""
    require(staff, CHAT_TEAM, ChatError)


def _for_staff(db: DbSession, staff: StaffPrincipal, conversation_id: str,
               *, take_over: bool = False, lock: bool = False) -> Conversation:
    require_chat_team(staff)
    row = db.get(Conversation, conversation_id, with_for_update=lock)
    if row is None:
        raise ChatError("not_found")
    if row.assigned_staff_id != staff.staff_id and not staff.has_role(Role.supervisor) \
            and not take_over:
        raise ChatError("forbidden")
    return row


def _public(db: DbSession, row: Conversation, holder: StaffUser | None = None,
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
    return _public(db, row)


def current_conversation(db: DbSession, victim: VictimPrincipal) -> ConversationPublic | None:
    if victim.locked:
        raise ChatError("locked")
    row = db.exec(select(Conversation).where(
        Conversation.victim_id == victim.victim_id, col(Conversation.status).in_(OPEN))
        .order_by(Conversation.created_at.desc())).first()
    return _public(db, row) if row else None


def queue_place(db: DbSession, victim: VictimPrincipal, conversation_id: str) -> QueuePlace:
    """Counted in the database, in the queue's own order (priority, then wait)."""
    row = _for_victim(db, victim, conversation_id)
    queued = Conversation.status == ConversationStatus.waiting
    ahead = or_(Conversation.priority > row.priority,
                and_(Conversation.priority == row.priority,
                     Conversation.created_at < row.created_at))
    waiting, before = db.exec(select(func.count(), func.count().filter(ahead))
                              .where(queued)).one()
    position = before + 1 if row.status == ConversationStatus.waiting else 0
    return QueuePlace(position=position, waiting=waiting,
                      estimated_minutes=_estimate(db, position) if position else 0)


def end_by_victim(db: DbSession, victim: VictimPrincipal, conversation_id: str) -> None:
    row = _for_victim(db, victim, conversation_id)
    if row.status != ConversationStatus.ended:
        row.status, row.ended_at, row.ended_by = ConversationStatus.ended, utcnow(), "victim"
        db.add(row)


def leave_message_instead(db: DbSession, victim: VictimPrincipal, conversation_id: str
                          ) -> bool:
    """The young person cannot wait: the conversation leaves the queue with what they
    wrote and waits for a counsellor to answer later, as a message left out of hours
    does. False if a counsellor took it first (the chat then simply goes on)."""
    _for_victim(db, victim, conversation_id)
    left = db.execute(update(Conversation).where(
        Conversation.id == conversation_id, Conversation.status == ConversationStatus.waiting,
        col(Conversation.assigned_staff_id).is_(None)).values(
        status=ConversationStatus.message_left))
    db.expire_all()
    return left.rowcount == 1


def rate(db: DbSession, victim: VictimPrincipal, conversation_id: str, *, satisfaction: int,
         helped: int) -> None:
    """The two-question survey at the end (1 to 3 each)."""
    row = _for_victim(db, victim, conversation_id)
    if row.status != ConversationStatus.ended:
        raise ChatError("not_ended")
    if satisfaction not in (1, 2, 3) or helped not in (1, 2, 3):
        raise ChatError("survey_invalid")
    row.satisfaction, row.helped = satisfaction, helped
    db.add(row)


# ---- messages ---------------------------------------------------------------------------


def _store(db: DbSession, row: Conversation, *, sender: str, staff_id: int | None, text: str,
           client_msg_id: str, internal: bool = False) -> Message:
    """Callers hold the conversation's row lock (``lock=True``): ids then commit in
    order within a conversation, so a page that asks for "after my last id" misses none.
    """
    text = clean_message(text, get_settings().chat_message_max_chars)
    client_msg_id = (client_msg_id or "")[:56] or None
    if client_msg_id:
        # The browser gives each message its own id (assets/abri.js). Without that
        # script a page keeps its id until it hears back, so all it sends meanwhile
        # (offline, a worker restarting) carries that id: the same text again is then a
        # resend, stored once; another text is another message, stored under the id
        # and a suffix.
        taken = db.exec(select(Message).where(
            Message.conversation_id == row.id,
            (col(Message.client_msg_id) == client_msg_id)
            | col(Message.client_msg_id).startswith(client_msg_id + "~", autoescape=True),
        )).all()
        for existing in taken:  # never someone else's message handed back
            if existing.sender_kind == sender and existing.internal == internal \
                    and crypto.open_sealed(_BODY, existing.body_enc, row.id).decode() == text:
                return existing
        if taken:
            ids, n = {m.client_msg_id for m in taken}, len(taken)
            while f"{client_msg_id}~{n}" in ids:
                n += 1
            client_msg_id = f"{client_msg_id}~{n}"
    message = Message(conversation_id=row.id, sender_kind=sender, sender_staff_id=staff_id,
                      internal=internal, client_msg_id=client_msg_id,
                      body_enc=crypto.seal(_BODY, text, row.id))
    db.add(message)
    db.flush()
    return message


def post_victim_message(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                        text: str, client_msg_id: str = "") -> MessagePublic:
    row = _for_victim(db, victim, conversation_id, lock=True)
    if row.status == ConversationStatus.ended:
        raise ChatError("ended")
    message = _store(db, row, sender=SenderKind.victim, staff_id=None, text=text,
                     client_msg_id=client_msg_id)
    _reassess(db, row, text)
    return _message_public(db, row, message)


def post_staff_message(db: DbSession, staff: StaffPrincipal, conversation_id: str, text: str,
                       client_msg_id: str = "", *, internal: bool = False) -> MessagePublic:
    row = _for_staff(db, staff, conversation_id, lock=True)
    if row.status == ConversationStatus.ended and not internal:
        raise ChatError("ended")
    message = _store(db, row, sender=SenderKind.staff, staff_id=staff.staff_id, text=text,
                     client_msg_id=client_msg_id, internal=internal)
    if row.status == ConversationStatus.message_left and not internal:
        row.status = ConversationStatus.active  # an answer to a message left out of hours
        row.assigned_staff_id = row.assigned_staff_id or staff.staff_id
        row.taken_at = row.taken_at or utcnow()
        db.add(row)
    return _message_public(db, row, message)


def _reassess(db: DbSession, row: Conversation, text: str) -> None:
    """Raise the priority for risk rules the new message matches. Flags, once raised,
    stay; each label counts once, at its heaviest active rule."""
    rules = risk.active_rules(db)
    told = open_triage(row.id, row.triage_enc)
    labels = set(told.flags) | set(risk.assess(rules, [text]).flags)
    weights: dict[str, int] = {}
    for rule in rules:
        if rule.label in labels:
            weights[rule.label] = max(weights.get(rule.label, 0), rule.weight)
    flags = tuple(sorted(labels))
    priority = risk.base_priority(list(told.topics), told.urgency) + sum(weights.values())
    raised = flags != told.flags
    if raised:
        row.triage_enc = seal_triage(row.id, replace(told, flags=flags))
    if raised or priority != row.priority:
        row.priority = priority
        db.add(row)


def _message_public(db: DbSession, row: Conversation, message: Message,
                    names: dict[int, str] | None = None) -> MessagePublic:
    """``names`` caches staff display names across one batch of messages."""
    names = {} if names is None else names
    staff_id = message.sender_staff_id
    if staff_id is not None and staff_id not in names:
        staff = db.get(StaffUser, staff_id)
        names[staff_id] = staff.display_name if staff else ""
    return MessagePublic(
        id=message.id, sender=message.sender_kind,
        sender_name=names[staff_id] if staff_id is not None else "",
        text=crypto.open_sealed(_BODY, message.body_enc, row.id).decode(),
        at=aware(message.created_at), internal=message.internal,
        delivered=message.delivered_at is not None, read=message.read_at is not None,
        client_msg_id=message.client_msg_id or "",
    )


def _history(db: DbSession, row: Conversation, *, include_internal: bool,
             after_id: int = 0) -> list[MessagePublic]:
    names: dict[int, str] = {}
    return [_message_public(db, row, m, names)
            for m in _rows_after(db, row, include_internal, after_id)]


def _rows_after(db: DbSession, row: Conversation, include_internal: bool,
                after_id: int) -> list[Message]:
    query = select(Message).where(Message.conversation_id == row.id, Message.id > after_id) \
        .order_by(Message.id)
    if not include_internal:
        query = query.where(Message.internal.is_(False))
    return list(db.exec(query).all())


def victim_history(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                   after_id: int = 0) -> list[MessagePublic]:
    return _history(db, _for_victim(db, victim, conversation_id), include_internal=False,
                    after_id=after_id)


def staff_history(db: DbSession, staff: StaffPrincipal, conversation_id: str,
                  after_id: int = 0, *, opening: bool = True) -> list[MessagePublic]:
    row = _for_staff(db, staff, conversation_id)
    if opening and after_id == 0:  # opening a conversation is audited, live updates not
        audit.record(db, staff, "conversation.read", "conversation", row.id)
    return _history(db, row, include_internal=True, after_id=after_id)


class ChatUpdate(SQLModel):
    """What a page shows next: the messages after the last one it has, and how far the
    other side has read this side's messages (read marks go in order)."""

    messages: list[MessagePublic]
    read_up_to: int | None  # None: not asked (every message shown was already read)
    delivered_up_to: int | None = None  # likewise, how far they have reached the other side
    marked_read: bool = False  # this update marked some of the other side's as read


def _update(db: DbSession, row: Conversation, *, reader: str, after_id: int,
            marks: bool) -> ChatUpdate:
    """New messages for one side, marking the other side's as read: the page that asks
    shows them. One query for the messages, one for the marks if asked, one update at
    most."""
    rows = _rows_after(db, row, reader == SenderKind.staff, after_id)
    other = SenderKind.staff if reader == SenderKind.victim else SenderKind.victim
    unread = [m.id for m in rows if m.sender_kind == other and not m.internal
              and m.read_at is None]
    if unread:
        now = utcnow()
        db.execute(update(Message).where(col(Message.id).in_(unread))
                   .values(read_at=now, delivered_at=func.coalesce(Message.delivered_at, now))
                   .execution_options(synchronize_session=False))
    read_up_to = delivered_up_to = None
    if marks:
        read_up_to, delivered_up_to = (found or 0 for found in db.exec(select(
            func.max(Message.id).filter(col(Message.read_at).is_not(None)),
            func.max(Message.id).filter(col(Message.delivered_at).is_not(None))).where(
            Message.conversation_id == row.id, Message.sender_kind == reader,
            Message.internal.is_(False))).one())
    names: dict[int, str] = {}
    return ChatUpdate(messages=[_message_public(db, row, m, names) for m in rows],
                      read_up_to=read_up_to, delivered_up_to=delivered_up_to,
                      marked_read=bool(unread))


def victim_update(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                  after_id: int = 0, *, marks: bool = True) -> ChatUpdate:
    """The victim's page: messages after ``after_id`` (0: all), staff ones marked read;
    ``marks``: also how far the staff have read the victim's."""
    row = _for_victim(db, victim, conversation_id)
    return _update(db, row, reader=SenderKind.victim, after_id=after_id, marks=marks)


def staff_update(db: DbSession, staff: StaffPrincipal, conversation_id: str,
                 after_id: int = 0, *, marks: bool = True) -> ChatUpdate:
    """The console's open conversation. Opening it (``after_id`` 0) is audited; live
    updates are not."""
    row = _for_staff(db, staff, conversation_id)
    if after_id == 0:
        audit.record(db, staff, "conversation.read", "conversation", row.id)
    return _update(db, row, reader=SenderKind.staff, after_id=after_id, marks=marks)


# ---- the queue (staff) ------------------------------------------------------------------


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
    return [_public(db, row) for row in _waiting(db, limit)]


def queue_health(db: DbSession, staff: StaffPrincipal, now: datetime | None = None
                 ) -> QueueHealth:
    """How many wait, the longest wait, how many at high risk: one query, however long
    the queue (every console asks after every take)."""
    require_chat_team(staff)
    waiting, oldest, high = db.exec(select(
        func.count(), func.min(Conversation.created_at),
        func.count().filter(Conversation.priority >= risk.HIGH_RISK)).where(
        Conversation.status == ConversationStatus.waiting)).one()
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
    return [_public(db, r) for r in rows]


class HeldConversation(NamedTuple):
    conversation: ConversationPublic  # with the young person's chosen name
    unread: int  # their messages nobody has read yet: the badge on its tab
    undelivered: int  # their messages this counsellor's console has not had yet


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
    return [HeldConversation(_public(db, r, holder, nickname_of(victim_id, sealed_name)),
                             unread, undelivered)
            for r, unread, undelivered, holder, victim_id, sealed_name in rows]


def mark_delivered(db: DbSession, staff: StaffPrincipal, conversation_ids: list[str]) -> None:
    """The young person's messages have reached the console of the counsellor holding
    these conversations (their page shows « Reçu »). Others' conversations are left
    alone."""
    if not conversation_ids:
        return
    held = select(Conversation.id).where(col(Conversation.id).in_(conversation_ids),
                                         Conversation.assigned_staff_id == staff.staff_id)
    db.execute(update(Message).where(
        col(Message.conversation_id).in_(held), Message.sender_kind == SenderKind.victim,
        col(Message.delivered_at).is_(None)).values(delivered_at=utcnow())
        .execution_options(synchronize_session=False))


def left_messages(db: DbSession, staff: StaffPrincipal) -> list[ConversationPublic]:
    """Conversations left out of hours, oldest first, waiting for an answer."""
    require_chat_team(staff)
    rows = db.exec(select(Conversation).where(
        Conversation.status == ConversationStatus.message_left,
        col(Conversation.assigned_staff_id).is_(None)).order_by(Conversation.created_at)).all()
    return [_public(db, r) for r in rows]


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
    return _public(db, db.get(Conversation, conversation_id))


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
            return _public(db, db.get(Conversation, candidate.id))
    raise ChatError("queue_empty")


def wrap_up(db: DbSession, staff: StaffPrincipal, conversation_id: str, *, outcome: str,
            note: str) -> None:
    """Close with an outcome code and a required note (encrypted at rest)."""
    row = _for_staff(db, staff, conversation_id)
    note = " ".join(note.split())
    if outcome not in OUTCOMES:
        raise ChatError("outcome_invalid")
    if len(note) < 3:
        raise ChatError("note_required")
    row.outcome_code = outcome
    row.wrap_up_note_enc = crypto.seal(_NOTE, note[:4000], row.id)
    if row.status != ConversationStatus.ended:
        row.status, row.ended_at, row.ended_by = ConversationStatus.ended, utcnow(), "staff"
    db.add(row)
    audit.record(db, staff, "conversation.wrap_up", "conversation", row.id, outcome)


def transfer(db: DbSession, staff: StaffPrincipal, conversation_id: str, *,
             to_staff_id: int | None = None, specialty: str | None = None,
             note: str = "") -> None:
    """Hand over to a colleague, or back to the queue for a specialty, with a note the
    next counsellor reads (an internal message the victim never sees)."""
    row = _for_staff(db, staff, conversation_id, lock=True)
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
        _store(db, row, sender=SenderKind.staff, staff_id=staff.staff_id,
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
