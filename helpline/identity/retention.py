"""Accounts nobody can come back to are removed.

Every first visit creates a victim account (ADR 0005). One that never held anything — no
conversation, evidence or quiz result, no recovery code, PIN, nickname or age — and whose
session has idled out can never be reached again: no code opens it and its cookie no longer
works. Keeping it would only keep a trace of a visit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists
from sqlmodel import Session as DbSession
from sqlmodel import col, delete, func, select

from helpline.config import get_settings
from helpline.models import Conversation, QuizResult, UserSession, VaultItem, Victim
from helpline.models._common import utcnow


def purge_unreachable_accounts(db: DbSession, now: datetime | None = None) -> int:
    """Delete empty accounts last seen more than the session idle limit ago; returns how
    many."""
    cutoff = (now or utcnow()) - timedelta(days=get_settings().victim_session_idle_days)
    empty = select(Victim.id).where(
        func.coalesce(Victim.last_seen_at, Victim.created_at) < cutoff,
        col(Victim.recovery_hash).is_(None), col(Victim.pin_hash).is_(None),
        col(Victim.nickname_enc).is_(None), col(Victim.age_band_enc).is_(None),
        ~exists().where(Conversation.victim_id == Victim.id),
        ~exists().where(VaultItem.victim_id == Victim.id),
        ~exists().where(QuizResult.victim_id == Victim.id),
        # A session still in use keeps its account, whatever the dates say.
        ~exists().where(UserSession.victim_id == Victim.id,
                        UserSession.last_seen_at >= cutoff),
    )
    ids = list(db.exec(empty).all())
    if ids:
        db.exec(delete(UserSession).where(col(UserSession.victim_id).in_(ids)))
        db.exec(delete(Victim).where(col(Victim.id).in_(ids)))
    return len(ids)
