"""Platforms the helpline flags content to, and each takedown request's history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from helpline.models._common import created_field, id_field, when_field


class TakedownStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    acknowledged = "acknowledged"
    removed = "removed"
    refused = "refused"
    reappeared = "reappeared"


class Platform(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=80)
    report_url: str | None = Field(default=None, max_length=500)
    contact_email: str | None = Field(default=None, max_length=254)
    trusted_flagger: bool = False
    target_hours: int = 1  # expected time to removal for a trusted-flagger notice
    active: bool = True


class TakedownRequest(SQLModel, table=True):
    __tablename__ = "takedown_request"

    id: str = id_field()
    platform_id: int = Field(foreign_key="platform.id", index=True)
    victim_id: str | None = Field(
        default=None, foreign_key="victim.id", index=True, ondelete="SET NULL"
    )
    conversation_id: str | None = Field(
        default=None, foreign_key="conversation.id", ondelete="SET NULL"
    )
    content_url_enc: bytes
    reason: str = Field(max_length=40)
    status: str = Field(default=TakedownStatus.draft, max_length=16, index=True)
    platform_reference: str | None = Field(default=None, max_length=120)
    created_by: int = Field(foreign_key="staff_user.id")
    created_at: datetime = created_field()
    submitted_at: datetime | None = when_field()
    resolved_at: datetime | None = when_field()


class TakedownEvent(SQLModel, table=True):
    __tablename__ = "takedown_event"

    id: int | None = Field(default=None, primary_key=True)
    takedown_id: str = Field(foreign_key="takedown_request.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=24)
    actor_staff_id: int | None = Field(default=None, foreign_key="staff_user.id")
    detail: str | None = Field(default=None, max_length=1000)
    proof_item_id: str | None = Field(default=None, foreign_key="vault_item.id",
                                      ondelete="SET NULL")
    at: datetime = created_field()
