"""Small helpers shared by the table definitions."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything Abri stores is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_id() -> str:
    """A random, unguessable identifier (128 bits, URL-safe) for rows victims can name."""
    return secrets.token_hex(16)


def id_field() -> str:
    return Field(default_factory=new_id, primary_key=True, max_length=32)


def created_field() -> datetime:
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False)


def when_field(*, index: bool = False) -> datetime | None:
    """An optional UTC timestamp."""
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=True, index=index)
