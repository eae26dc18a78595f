"""Append-only record of what staff did to victims' data."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from helpline.models._common import created_field


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_field()
    actor_staff_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    action: str = Field(max_length=40)
    object_type: str = Field(max_length=32, index=True)
    object_id: str | None = Field(default=None, max_length=64, index=True)
    detail: str | None = Field(default=None, max_length=500)
