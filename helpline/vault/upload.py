"""A file streaming in from the victim's browser, checked and encrypted as it comes.

The kind is decided from the first bytes; the kind's size limit and the account's quota
are enforced on every chunk, so a file that breaks a rule is stopped at once. The bytes
go, encrypted, to a temporary file; images are then decoded (pixel limit) and get a
working copy and a thumbnail; every blob is flushed and renamed into place, and only
then do the rows commit. On any refusal, cancellation or error nothing stays: no file,
no row.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from helpline.config import get_settings
from helpline.db import session_scope
from helpline.identity.victims import VictimPrincipal
from helpline.models import VaultItem
from helpline.models._common import new_id, utcnow
from helpline.vault import custody, images, store
from helpline.vault.errors import VaultError
from helpline.vault.service import MB, account, quota_bytes, summary, used_bytes
from helpline.vault.shapes import ItemSummary
from helpline.vault.sniff import HEAD_BYTES, Kind, Scanner, sniff

_BATCH = 1 << 20  # chunks are gathered to this much before a thread encrypts them


def limit_mb(kind: Kind) -> int:
    settings = get_settings()
    return {"image": settings.vault_image_max_mb, "video": settings.vault_video_max_mb,
            "pdf": settings.vault_pdf_max_mb, "text": settings.vault_text_max_mb}[kind.kind]


def _room(victim: VictimPrincipal) -> tuple[str, int]:
    """The account, and how many bytes its quota has left."""
    with session_scope() as db:
        victim_id = account(db, victim)
        return victim_id, quota_bytes() - used_bytes(db, victim_id)


class _Upload:
    def __init__(self, victim_id: str, filename: str) -> None:
        self.victim_id = victim_id
        self.item_id = new_id()
        self.name = store.display_name(filename)
        self.writers: list[store.BlobWriter] = []
        self.kind: Kind | None = None
        self.scanner: Scanner | None = None
        self.image = bytearray()  # an image is decoded whole (≤ its limit) for derivatives
        self.limit = 0
        self.limit_mb = 0
        self.room = 0

    def start(self, head: bytes, complete: bool) -> None:
        self.kind = sniff(head, complete=complete)
        if self.kind is None:
            raise VaultError("type_refused")
        self.limit_mb = limit_mb(self.kind)
        self.limit = self.limit_mb * MB
        self.scanner = Scanner(self.kind)
        self.writers.append(store.BlobWriter(self.item_id, self.victim_id))

    def check(self, size: int) -> None:
        if size > self.limit:
            raise VaultError("too_big", limit_mb=self.limit_mb)
        if size > self.room:
            raise VaultError("quota_full")

    def write(self, data: bytes) -> None:
        """In a worker thread: scan, hash and encrypt one batch."""
        assert self.scanner is not None
        self.scanner.feed(data)
        self.writers[0].write(data)
        if self.kind is not None and self.kind.kind == "image":
            self.image += data

    def finish(self) -> list[VaultItem]:
        """In a worker thread: the whole stream is in. Check it, derive, place blobs."""
        assert self.scanner is not None and self.kind is not None
        if not self.scanner.finish():
            raise VaultError("type_refused")
        original = self.writers[0].finish()
        now = utcnow()
        item = VaultItem(id=self.item_id, victim_id=self.victim_id, kind=self.kind.kind,
                         content_type=self.kind.content_type, size=original.size,
                         sha256=original.sha256, created_at=now, updated_at=now)
        item.filename_enc = store.seal(store.FILENAME, self.name, item)
        rows = [item]
        if self.kind.kind == "image":
            derived = images.derive(bytes(self.image),
                                    max_pixels=get_settings().vault_max_pixels)
            self.image = bytearray()
            for made in derived:
                child = VaultItem(victim_id=self.victim_id, kind="image",
                                  content_type=made.content_type, parent_id=item.id,
                                  derivative=made.variant, sha256="", created_at=now,
                                  updated_at=now)
                writer = store.BlobWriter(child.id, self.victim_id)
                self.writers.append(writer)
                writer.write(made.data)
                sealed = writer.finish()
                child.size, child.sha256 = sealed.size, sealed.sha256
                rows.append(child)
        if sum(r.size for r in rows) > self.room:
            raise VaultError("quota_full")
        for writer in self.writers:
            writer.place()  # flushed, synced and renamed before any row commits
        return rows

    def commit(self, victim: VictimPrincipal, rows: list[VaultItem]) -> ItemSummary:
        """In a worker thread: the rows, in one transaction, quota checked again (two
        uploads of one account may have raced)."""
        with session_scope() as db:
            victim_id = account(db, victim)
            total = sum(r.size for r in rows)
            if used_bytes(db, victim_id) + total > quota_bytes():
                raise VaultError("quota_full")
            for row in rows:
                db.add(row)
            db.flush()
            for writer in self.writers:
                db.add(writer.row())
            for row in rows:
                custody.append(db, victim_id, row.id, "capture", actor_kind="victim",
                               actor_id=victim_id, item_sha256=row.sha256,
                               detail=f"{row.derivative} of {row.parent_id}" if row.parent_id
                               else f"{row.kind} {row.content_type}")
            db.flush()
            return summary(rows[0], shared=False, has_thumbnail=len(rows) > 1)

    def discard(self) -> None:
        for writer in self.writers:
            writer.discard()


async def receive_upload(victim: VictimPrincipal, filename: str, declared_size: int | None,
                         chunks: AsyncIterator[bytes]) -> ItemSummary:
    """Store one uploaded file; VaultError when refused (nothing kept). Owns its
    transactions: the bytes are on disk, flushed and renamed, before the rows commit."""
    if not isinstance(declared_size, int) or declared_size < 0:
        declared_size = None  # unknown: the stream itself is measured anyway
    victim_id, room = await asyncio.to_thread(_room, victim)  # off the event loop
    if declared_size is not None and declared_size > room:
        raise VaultError("quota_full")
    upload = _Upload(victim_id, filename if isinstance(filename, str) else "")
    upload.room = room
    committed = False
    writing: asyncio.Future | None = None  # one batch encrypting while the next arrives
    try:
        head, size, pending, pending_size = bytearray(), 0, [], 0
        iterator = aiter(chunks)
        while True:
            try:
                chunk = await anext(iterator)
            except StopAsyncIteration:
                break
            except (VaultError, asyncio.CancelledError):
                raise
            except Exception as exc:  # the client went away (ClientDisconnect…)
                raise VaultError("cut_off") from exc
            if not chunk:
                continue
            size += len(chunk)
            if upload.kind is None:
                head += chunk
                if len(head) < HEAD_BYTES:
                    continue
                upload.start(bytes(head[:HEAD_BYTES]), complete=False)
                if declared_size is not None:
                    upload.check(declared_size)
                chunk, head = bytes(head), bytearray()
            upload.check(size)
            pending.append(chunk)
            pending_size += len(chunk)
            if pending_size >= _BATCH:
                if writing is not None:
                    await writing
                writing = asyncio.ensure_future(
                    asyncio.to_thread(upload.write, b"".join(pending)))
                pending, pending_size = [], 0
        if writing is not None:
            await writing
            writing = None
        if size == 0:
            raise VaultError("empty")
        if upload.kind is None:  # the whole file is shorter than a head
            upload.start(bytes(head), complete=declared_size in (None, size))
            if declared_size is not None:
                upload.check(declared_size)
            upload.check(size)
            pending.append(bytes(head))
        if declared_size is not None and size < declared_size:
            raise VaultError("cut_off")
        if pending:
            await asyncio.to_thread(upload.write, b"".join(pending))
        rows = await asyncio.to_thread(upload.finish)
        found = await asyncio.to_thread(upload.commit, victim, rows)
        committed = True
        return found
    finally:
        if not committed:
            if writing is not None:  # let the batch in flight finish before removing
                await asyncio.shield(asyncio.gather(writing, return_exceptions=True))
            await asyncio.shield(asyncio.to_thread(upload.discard))
