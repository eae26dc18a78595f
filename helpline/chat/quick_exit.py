"""Quick exit in the middle of a chat: the young person may have had to hide the
screen. The counsellor is told at once, the conversation waits a while for them to
come back to « Parler » (``chat_quick_exit_keep_minutes``), then closes as "left"."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime, timedelta

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline.chat.messages import store_message
from helpline.chat.queueing import OPEN
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.i18n import DEFAULT_LOCALE, t
from helpline.identity import victims
from helpline.identity.victims import VictimError, VictimPrincipal
from helpline.models import Conversation, ConversationStatus, SenderKind
from helpline.models._common import aware, utcnow

LIVE = (ConversationStatus.waiting, ConversationStatus.active)


def _note(db: DbSession, row: Conversation, key: str) -> None:
    """A line in the thread for the counsellor only (the young person's screen, if
    someone else holds the phone, must not say it)."""
    minutes = str(get_settings().chat_quick_exit_keep_minutes)
    store_message(db, row, sender=SenderKind.system, staff_id=None,
                  text=t(DEFAULT_LOCALE, key, minutes=minutes), client_msg_id="",
                  internal=True)


def left_quickly(db: DbSession, victim_id: str, now: datetime | None = None) -> str | None:
    """The live conversation of this account is kept for its owner's return; its id
    (None: no live conversation, the exit ends everything as before)."""
    row = db.exec(select(Conversation).where(
        Conversation.victim_id == victim_id, col(Conversation.status).in_(LIVE))
        .order_by(Conversation.created_at.desc()).with_for_update()).first()
    if row is None:
        return None
    if row.left_quickly_at is None:
        row.left_quickly_at = now or utcnow()
        db.add(row)
        _note(db, row, "chat.quick_exit.left")
    return row.id


def came_back(db: DbSession, victim: VictimPrincipal) -> str | None:
    """Back on « Parler » within the delay: the conversation goes on; its id, if any."""
    row = db.exec(select(Conversation).where(
        Conversation.victim_id == victim.victim_id, col(Conversation.status).in_(OPEN),
        col(Conversation.left_quickly_at).is_not(None)).with_for_update()).first()
    if row is None:
        return None
    row.left_quickly_at = None
    db.add(row)
    _note(db, row, "chat.quick_exit.back")
    return row.id


def close_abandoned(db: DbSession, now: datetime | None = None) -> list[str]:
    """Conversations left by a quick exit longer ago than the delay: closed as "left"."""
    now = now or utcnow()
    limit = now - timedelta(minutes=get_settings().chat_quick_exit_keep_minutes)
    rows = db.exec(select(Conversation).where(
        col(Conversation.status).in_(OPEN), col(Conversation.left_quickly_at).is_not(None),
        col(Conversation.left_quickly_at) <= limit)).all()
    closed = []
    for row in rows:
        if aware(row.left_quickly_at) > limit:
            continue
        row.status, row.ended_at, row.ended_by = ConversationStatus.ended, now, "left"
        db.add(row)
        _note(db, row, "chat.quick_exit.closed")
        closed.append(row.id)
    return closed


def quick_exit(token: str | None) -> str | None:
    """The quick-exit beacon: the id of the live conversation kept for a return (the
    device's session then stays, locked when the account can be unlocked), or None
    when there is none and the session simply ends."""
    with session_scope() as db:
        victim = victims.resolve(db, token, touch=False)
        if victim is None or victim.locked:
            return None
        kept = left_quickly(db, victim.victim_id)
        if kept:
            with suppress(VictimError):  # no PIN nor code: nothing to lock it with
                victims.lock_now(db, victim)
        return kept
