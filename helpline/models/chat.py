"""Conversations between a victim and the helpline, and their messages."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from helpline.models._common import created_field, id_field, when_field


class ConversationStatus(StrEnum):
    waiting = "waiting"
    active = "active"
    message_left = "message_left"  # left out of hours, answered later
    ended = "ended"


class SenderKind(StrEnum):
    victim = "victim"
    staff = "staff"
    system = "system"


class Conversation(SQLModel, table=True):
    id: str = id_field()
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    status: str = Field(default=ConversationStatus.waiting, max_length=16, index=True)
    # Topics, felt urgency and risk flags, sealed together (helpline.chat.triage; the
    # service always seals, None reads as nothing said). The queue sorts on
    # ``priority``, an integer derived from them whenever they change.
    triage_enc: bytes | None = None
    priority: int = Field(default=0, index=True)
    assigned_staff_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    created_at: datetime = created_field()
    taken_at: datetime | None = when_field()
    ended_at: datetime | None = when_field()
    outcome_code: str | None = Field(default=None, max_length=32)
    wrap_up_note_enc: bytes | None = None
    satisfaction: int | None = None
    consent_at: datetime | None = when_field()
    requested_specialty: str | None = Field(default=None, max_length=32)
    helped: int | None = None  # survey: did this help (1-3)
    ended_by: str | None = Field(default=None, max_length=8)  # victim, staff or left
    # Quick exit mid-chat: kept open a while for the young person to come back to.
    left_quickly_at: datetime | None = when_field(index=True)


class Message(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("conversation_id", "client_msg_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: str = Field(foreign_key="conversation.id", index=True, ondelete="CASCADE")
    sender_kind: str = Field(max_length=8)
    sender_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    internal: bool = False  # a staff note the victim never sees
    client_msg_id: str | None = Field(default=None, max_length=64)  # makes resends idempotent
    body_enc: bytes
    created_at: datetime = created_field()
    delivered_at: datetime | None = when_field()
    read_at: datetime | None = when_field()


class RiskRule(SQLModel, table=True):
    """A pattern that raises a conversation's priority (suicide, sextortion, threats…).
    Rules are data, edited by supervisors; ``pattern`` is a case-insensitive regex."""

    __tablename__ = "risk_rule"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=40)
    locale: str = Field(max_length=5)
    pattern: str = Field(max_length=500)
    weight: int = 10
    active: bool = True


class CannedResponse(SQLModel, table=True):
    __tablename__ = "canned_response"

    id: int | None = Field(default=None, primary_key=True)
    team: str = Field(default="all", max_length=32)  # "all" or a specialty
    locale: str = Field(default="fr", max_length=5)
    title: str = Field(max_length=80)
    body: str = Field(max_length=2000)
