"""Messages: posting them (encrypted at rest, a resend stored once), the updates each
side's page asks for, and the delivered and read marks."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, func, select, update

from helpline import audit, crypto
from helpline.chat import risk
from helpline.chat.access import for_staff, for_victim
from helpline.chat.errors import ChatError
from helpline.chat.text import clean_message
from helpline.chat.triage import open_triage, seal_triage
from helpline.config import get_settings
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal
from helpline.models import Conversation, ConversationStatus, Message, SenderKind, StaffUser
from helpline.models._common import aware, utcnow

BODY = "chat-message"  # the encryption label of message bodies


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


class ChatUpdate(SQLModel):
    """What a page shows next: the messages after the last one it has, and how far the
    other side has read this side's messages (read marks go in order)."""

    messages: list[MessagePublic]
    read_up_to: int | None  # None: not asked (every message shown was already read)
    delivered_up_to: int | None = None  # likewise, how far they have reached the other side
    marked_read: bool = False  # this update marked some of the other side's as read


def store_message(db: DbSession, row: Conversation, *, sender: str, staff_id: int | None,
                  text: str, client_msg_id: str, internal: bool = False) -> Message:
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
                    and crypto.open_sealed(BODY, existing.body_enc, row.id).decode() == text:
                return existing
        if taken:
            ids, n = {m.client_msg_id for m in taken}, len(taken)
            while f"{client_msg_id}~{n}" in ids:
                n += 1
            client_msg_id = f"{client_msg_id}~{n}"
    message = Message(conversation_id=row.id, sender_kind=sender, sender_staff_id=staff_id,
                      internal=internal, client_msg_id=client_msg_id,
                      body_enc=crypto.seal(BODY, text, row.id))
    db.add(message)
    db.flush()
    return message


def post_victim_message(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                        text: str, client_msg_id: str = "") -> MessagePublic:
    row = for_victim(db, victim, conversation_id, lock=True)
    if row.status == ConversationStatus.ended:
        raise ChatError("ended")
    message = store_message(db, row, sender=SenderKind.victim, staff_id=None, text=text,
                            client_msg_id=client_msg_id)
    reassess(db, row, text)
    return message_public(db, row, message)


def post_staff_message(db: DbSession, staff: StaffPrincipal, conversation_id: str, text: str,
                       client_msg_id: str = "", *, internal: bool = False) -> MessagePublic:
    row = for_staff(db, staff, conversation_id, lock=True)
    if row.status == ConversationStatus.ended and not internal:
        raise ChatError("ended")
    message = store_message(db, row, sender=SenderKind.staff, staff_id=staff.staff_id,
                            text=text, client_msg_id=client_msg_id, internal=internal)
    if row.status == ConversationStatus.message_left and not internal:
        row.status = ConversationStatus.active  # an answer to a message left out of hours
        row.assigned_staff_id = row.assigned_staff_id or staff.staff_id
        row.taken_at = row.taken_at or utcnow()
        db.add(row)
    return message_public(db, row, message)


def reassess(db: DbSession, row: Conversation, text: str = "") -> None:
    """Recompute the priority from the triage and the risk rules ``text`` (a new message;
    none when the triage itself changed, as a quiz result does) matches. Flags, once
    raised, stay; each label counts once, at its heaviest active rule."""
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


def message_public(db: DbSession, row: Conversation, message: Message,
                   names: dict[int, str] | None = None) -> MessagePublic:
    """``names`` caches staff display names across one batch of messages."""
    names = {} if names is None else names
    staff_id = message.sender_staff_id
    if staff_id is not None and staff_id not in names:
        staff = db.get(StaffUser, staff_id)
        names[staff_id] = staff.display_name if staff else ""
    return MessagePublic(
        id=message.id, sender=message.sender_kind,
        sender_name=names[staff_id] if staff_id is not None
        else get_settings().helpline_name if message.sender_kind == SenderKind.system else "",
        text=crypto.open_sealed(BODY, message.body_enc, row.id).decode(),
        at=aware(message.created_at), internal=message.internal,
        delivered=message.delivered_at is not None, read=message.read_at is not None,
        client_msg_id=message.client_msg_id or "",
    )


def history(db: DbSession, row: Conversation, *, include_internal: bool,
            after_id: int = 0) -> list[MessagePublic]:
    """The messages of ``row`` after ``after_id``; the caller has checked access."""
    names: dict[int, str] = {}
    return [message_public(db, row, m, names)
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
    return history(db, for_victim(db, victim, conversation_id), include_internal=False,
                   after_id=after_id)


def staff_history(db: DbSession, staff: StaffPrincipal, conversation_id: str,
                  after_id: int = 0, *, opening: bool = True) -> list[MessagePublic]:
    row = for_staff(db, staff, conversation_id)
    if opening and after_id == 0:  # opening a conversation is audited, live updates not
        audit.record(db, staff, "conversation.read", "conversation", row.id)
    return history(db, row, include_internal=True, after_id=after_id)


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
    return ChatUpdate(messages=[message_public(db, row, m, names) for m in rows],
                      read_up_to=read_up_to, delivered_up_to=delivered_up_to,
                      marked_read=bool(unread))


def victim_update(db: DbSession, victim: VictimPrincipal, conversation_id: str,
                  after_id: int = 0, *, marks: bool = True) -> ChatUpdate:
    """The victim's page: messages after ``after_id`` (0: all), staff ones marked read;
    ``marks``: also how far the staff have read the victim's."""
    row = for_victim(db, victim, conversation_id)
    return _update(db, row, reader=SenderKind.victim, after_id=after_id, marks=marks)


def staff_update(db: DbSession, staff: StaffPrincipal, conversation_id: str,
                 after_id: int = 0, *, marks: bool = True) -> ChatUpdate:
    """The console's open conversation. Opening it (``after_id`` 0) is audited; live
    updates are not."""
    row = for_staff(db, staff, conversation_id)
    if after_id == 0:
        audit.record(db, staff, "conversation.read", "conversation", row.id)
    return _update(db, row, reader=SenderKind.staff, after_id=after_id, marks=marks)


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
