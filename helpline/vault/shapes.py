"""What the safe's pages read: public shapes, never a sealed column or a key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import SQLModel


class ShareSummary(SQLModel):
    id: str
    item_id: str
    purpose: str
    conversation_id: str | None
    shared_at: datetime
    withdrawn_at: datetime | None


class DerivativeSummary(SQLModel):
    variant: str  # working, thumbnail
    content_type: str
    sha256: str
    size: int


class ItemSummary(SQLModel):
    id: str
    kind: str  # image, video, pdf, text, message, link
    title: str  # "" when not given
    platform: str  # a PLATFORMS slug, "" when not given
    happened_at: datetime | None
    created_at: datetime
    size: int
    sha256: str  # « empreinte » of the original bytes
    incident_id: str | None
    has_thumbnail: bool
    shared: bool  # any live share
    filename: str  # display name of an uploaded file ("" otherwise)


class ItemDetail(ItemSummary):
    author: str
    description: str
    content_type: str
    text: str  # a message's exact text, for its owner ("" otherwise)
    url: str  # a link's address ("" otherwise)
    derivatives: list[DerivativeSummary]
    shares: list[ShareSummary]  # newest first, withdrawn ones included


class IncidentSummary(SQLModel):
    id: str
    title: str
    happened_on: date | None
    item_count: int


class Usage(SQLModel):
    used_bytes: int
    quota_bytes: int


class SharedItem(SQLModel):
    """An item as staff see it: only while shared, never the owner's other items."""

    id: str
    victim_id: str
    kind: str
    title: str
    platform: str
    happened_at: datetime | None
    created_at: datetime
    sha256: str
    size: int
    has_thumbnail: bool
    purpose: str  # of the latest live share
    shared_at: datetime
    conversation_id: str | None  # shared in a chat
    url: str  # a link's address ("" otherwise)
    author: str
    description: str
    filename: str


class PersonSummary(SQLModel):
    victim_id: str
    nickname: str  # "" when not given
    last_activity: datetime
    items: list[SharedItem]  # most recently shared first
    dossier_item: str = ""  # one item shared to report or remove: it names their dossier


@dataclass(frozen=True)
class Download:
    """Bytes to send: ``filename`` is already the Content-Disposition parameters
    (``filename="ascii"; filename*=UTF-8''…``); ``chunks()`` decrypts as it goes."""

    filename: str
    content_type: str
    size: int
    inline: bool
    sha256: str
    _chunks: Callable[[], Iterator[bytes]]

    def chunks(self) -> Iterator[bytes]:
        return self._chunks()

    @property
    def content_disposition(self) -> str:
        return f"{'inline' if self.inline else 'attachment'}; {self.filename}"
