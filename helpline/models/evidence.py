"""The evidence safe: items, their encrypted blobs, and the chain of custody."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from helpline.models._common import created_field, id_field, when_field


class EvidenceKind(StrEnum):
    screenshot = "screenshot"
    photo = "photo"
    link = "link"
    message = "message"
    file = "file"


class Blob(SQLModel, table=True):
    """Encrypted bytes in the blob store, named by a random id (never by the user)."""

    id: str = id_field()
    size: int  # plaintext size
    stored_size: int
    segment_size: int
    key_version: int
    wrapped_dek: bytes
    sha256: str = Field(max_length=64)  # of the original plaintext
    created_at: datetime = created_field()


class EvidenceItem(SQLModel, table=True):
    __tablename__ = "evidence_item"

    id: str = id_field()
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    parent_id: str | None = Field(default=None, foreign_key="evidence_item.id")
    derivative: str | None = Field(default=None, max_length=16)  # working_copy, thumbnail
    blob_id: str | None = Field(default=None, foreign_key="blob.id")
    content_type: str | None = Field(default=None, max_length=100)
    title_enc: bytes | None = None
    note_enc: bytes | None = None
    source_url_enc: bytes | None = None
    claimed_at: datetime | None = when_field()  # when the victim says it happened
    created_at: datetime = created_field()
    shared_at: datetime | None = when_field()
    deleted_at: datetime | None = when_field()


class CustodyEvent(SQLModel, table=True):
    """Append-only, hash-chained: entry_hash = SHA-256(canonical entry || prev_hash)."""

    __tablename__ = "custody_event"

    seq: int | None = Field(default=None, primary_key=True)
    item_id: str = Field(max_length=32, index=True)  # kept after the item is erased
    action: str = Field(max_length=24)
    actor_kind: str = Field(max_length=8)
    actor_id: str | None = Field(default=None, max_length=64)
    item_sha256: str | None = Field(default=None, max_length=64)
    detail: str | None = Field(default=None, max_length=500)
    at: datetime = created_field()
    prev_hash: str = Field(max_length=64)
    entry_hash: str = Field(max_length=64, unique=True)
