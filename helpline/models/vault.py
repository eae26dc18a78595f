"""The evidence safe: items, their encrypted blobs, incidents, shares and the custody log.

Everything a person wrote (title, description, author's handle, URL, platform, file
name) is sealed to its owner (``helpline.crypto``); a message's text is a blob, hashed
byte for byte like a file. Plain columns hold only what sorting and access need.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, UniqueConstraint
from sqlmodel import Field, SQLModel

from helpline.models._common import created_field, id_field, when_field


class VaultIncident(SQLModel, table=True):
    """A group of items: « ce qui s'est passé le 3 mars »."""

    __tablename__ = "vault_incident"

    id: str = id_field()
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    title_enc: bytes
    happened_on: date | None = Field(default=None, sa_type=Date, nullable=True)
    created_at: datetime = created_field()


class VaultItem(SQLModel, table=True):
    """One piece of evidence, or a derivative of one (``parent_id``, ``derivative``)."""

    __tablename__ = "vault_item"

    id: str = id_field()
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # image, video, pdf, text, message, link
    parent_id: str | None = Field(default=None, foreign_key="vault_item.id", index=True,
                                  ondelete="CASCADE")
    derivative: str | None = Field(default=None, max_length=16)  # working, thumbnail
    incident_id: str | None = Field(default=None, foreign_key="vault_incident.id",
                                    index=True, ondelete="SET NULL")
    content_type: str = Field(max_length=100)
    size: int = 0  # plaintext bytes (a link: its URL's)
    sha256: str = Field(max_length=64)  # of the exact bytes kept (a link: its URL's)
    title_enc: bytes | None = None
    description_enc: bytes | None = None
    author_enc: bytes | None = None
    url_enc: bytes | None = None
    platform_enc: bytes | None = None  # padded: the slug's length says nothing
    filename_enc: bytes | None = None
    happened_at: datetime | None = when_field()  # when the victim says it happened
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class VaultBlob(SQLModel, table=True):
    """The encrypted bytes of an item, in the blob store under a random name.

    ``framed_version`` is the key version bound into every segment's associated data at
    capture; ``key_version`` is the KEK currently wrapping the data key (rotation
    changes it and ``wrapped_key``, never the file)."""

    __tablename__ = "vault_blob"

    id: str = id_field()
    item_id: str = Field(foreign_key="vault_item.id", unique=True, ondelete="CASCADE")
    victim_id: str = Field(max_length=32, index=True)
    size: int
    stored_size: int
    segment_bytes: int
    framed_version: int
    key_version: int
    wrapped_key: bytes
    created_at: datetime = created_field()


class VaultShare(SQLModel, table=True):
    __tablename__ = "vault_share"

    id: str = id_field()
    item_id: str = Field(foreign_key="vault_item.id", index=True, ondelete="CASCADE")
    victim_id: str = Field(foreign_key="victim.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=16)  # counselling, takedown, report
    conversation_id: str | None = Field(default=None, foreign_key="conversation.id",
                                        index=True, ondelete="SET NULL")
    shared_at: datetime = created_field()
    withdrawn_at: datetime | None = when_field()


class CustodyEntry(SQLModel, table=True):
    """Append-only, hash-chained per account: entry_hash = SHA-256(canonical entry ||
    prev_hash). Outlives the items and the account: ids and hashes only."""

    __tablename__ = "custody_entry"
    __table_args__ = (UniqueConstraint("account_id", "prev_hash"),)  # a chain never forks

    seq: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(max_length=32, index=True)
    item_id: str = Field(max_length=32, index=True)
    action: str = Field(max_length=24)
    actor_kind: str = Field(max_length=8)  # victim, staff, system
    actor_id: str = Field(default="", max_length=64)
    item_sha256: str = Field(default="", max_length=64)
    detail: str = Field(default="", max_length=200)
    at: datetime = created_field()
    prev_hash: str = Field(max_length=64)
    entry_hash: str = Field(max_length=64, unique=True)


class VaultCapture(SQLModel, table=True):
    """A link's capture (helpline.vault.capture): where it stands, and what was kept.

    ``state``: pending (queued), running, captured, failed (``code`` says why).
    ``attempt`` grows at each run that claims it, so a run that finds its number changed
    (a newer one took over) stores nothing. ``details_enc`` is the sealed summary of the
    HTTP answer (final URL, status, server IP, TLS, time), for the page and the dossier."""

    __tablename__ = "vault_capture"

    item_id: str = Field(foreign_key="vault_item.id", primary_key=True, max_length=32,
                         ondelete="CASCADE")
    victim_id: str = Field(max_length=32, index=True)
    state: str = Field(default="pending", max_length=16)
    code: str = Field(default="", max_length=32)
    attempt: int = 0
    job_id: str = Field(default="", max_length=64)
    details_enc: bytes | None = None
    requested_at: datetime = created_field()
    started_at: datetime | None = when_field()
    finished_at: datetime | None = when_field()
