"""Rows and bytes of the safe: sealing what people wrote, writing and opening blobs,
shredding. Services call these after checking who asks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import quote

from sqlmodel import Session as DbSession
from sqlmodel import col, delete, select, update

from helpline import crypto
from helpline.config import get_settings
from helpline.models import TakedownEvent, VaultBlob, VaultItem, VaultShare
from helpline.models._common import new_id
from helpline.vault import blobs, custody
from helpline.vault.framing import Sealed, SegmentWriter, read_segments, unwrap_key

# One purpose per field, so a value moved to another column no longer opens.
TITLE, DESCRIPTION, AUTHOR, URL, PLATFORM, FILENAME, INCIDENT = (
    "vault-title", "vault-description", "vault-author", "vault-url", "vault-platform",
    "vault-filename", "vault-incident-title")
SEALED_COLUMNS = {"title_enc": TITLE, "description_enc": DESCRIPTION, "author_enc": AUTHOR,
                  "url_enc": URL, "platform_enc": PLATFORM, "filename_enc": FILENAME}
_PLATFORM_BLOCK = 16
FILENAME_MAX = 200
_BIDI = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def context(item_id: str, victim_id: str) -> str:
    return f"{victim_id}/{item_id}"


def seal(purpose: str, text: str, item: VaultItem) -> bytes | None:
    if not text:
        return None
    where = context(item.id, item.victim_id)
    if purpose == PLATFORM:
        return crypto.seal_padded(purpose, text, where, _PLATFORM_BLOCK)
    return crypto.seal(purpose, text, where)


def opened(purpose: str, item: VaultItem, sealed: bytes | None) -> str:
    where = context(item.id, item.victim_id)
    if purpose == PLATFORM:
        return crypto.open_padded(purpose, sealed, where) or ""
    return crypto.open_text(purpose, sealed, where) or ""


def display_name(filename: str) -> str:
    """A file name fit to show: its last path part, without control or direction
    characters (an RTL override makes « gpj.exe » read « exe.jpg »), at most 200."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = _BIDI.sub("", name)
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = " ".join(name.split()).strip(" .")
    return name[:FILENAME_MAX]


def disposition_name(name: str, extension: str) -> str:
    """``filename="…"; filename*=UTF-8''…`` for Content-Disposition: an ASCII fallback
    and the UTF-8 name (RFC 6266/5987), the extension being the content's own."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem or "piece"
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9 ._-]", "_", ascii_stem).strip(" ._") or "piece"
    full = f"{stem}{extension}"
    return (f'filename="{ascii_stem[:100]}{extension}"; '
            f"filename*=UTF-8''{quote(full, safe='')}")


# ---- blobs ---------------------------------------------------------------------------------


class BlobWriter:
    """A blob being written for ``item_id``: encrypted to a temporary file."""

    def __init__(self, item_id: str, victim_id: str) -> None:
        self.item_id, self.victim_id = item_id, victim_id
        self.blob_id = new_id()
        self.temp = blobs.TempBlob()
        self.writer = SegmentWriter(self.temp.file, item_id=item_id, owner_id=victim_id,
                                    segment_bytes=get_settings().vault_segment_bytes)
        self.sealed: Sealed | None = None

    def write(self, data: bytes) -> None:
        self.writer.write(data)

    def finish(self) -> Sealed:
        self.sealed = self.writer.finish()
        return self.sealed

    def place(self) -> None:
        """Flush, fsync and rename into place: before the row commits."""
        self.temp.place(self.blob_id)

    def discard(self) -> None:
        self.temp.discard()
        if self.temp.placed is not None:
            blobs.remove_now(self.blob_id)

    def row(self) -> VaultBlob:
        sealed = self.sealed
        assert sealed is not None
        return VaultBlob(id=self.blob_id, item_id=self.item_id, victim_id=self.victim_id,
                         size=sealed.size, stored_size=sealed.stored_size,
                         segment_bytes=sealed.segment_bytes,
                         framed_version=sealed.framed_version,
                         key_version=sealed.framed_version, wrapped_key=sealed.wrapped_key)


def write_small(item: VaultItem, data: bytes) -> tuple[VaultBlob, BlobWriter]:
    """A blob for bytes already in memory (a message, a derivative), placed on disk."""
    writer = BlobWriter(item.id, item.victim_id)
    try:
        writer.write(data)
        sealed = writer.finish()
        writer.place()
    except BaseException:
        writer.discard()
        raise
    item.size, item.sha256 = sealed.size, sealed.sha256
    return writer.row(), writer


def blob_of(db: DbSession, item: VaultItem) -> VaultBlob | None:
    return db.exec(select(VaultBlob).where(VaultBlob.item_id == item.id)).first()


def plaintext(blob: VaultBlob) -> Iterator[bytes]:
    """The blob's bytes, decrypted segment by segment as they are read."""
    key = unwrap_key(blob.wrapped_key, item_id=blob.item_id, owner_id=blob.victim_id,
                     version=blob.key_version)
    with blobs.blob_path(blob.id).open("rb") as source:
        yield from read_segments(source, item_id=blob.item_id, owner_id=blob.victim_id,
                                 framed_version=blob.framed_version, data_key=key)


def read_all(blob: VaultBlob) -> bytes:
    return b"".join(plaintext(blob))


# ---- shredding -----------------------------------------------------------------------------


def shred(db: DbSession, items: list[VaultItem], *, actor_kind: str, actor_id: str) -> None:
    """Delete these originals with their derivatives: the wrapped data keys go with the
    rows (crypto-shredding) and the files once the deletion commits. Each deletion is in
    the custody log, with the item's hash."""
    if not items:
        return
    ids = [i.id for i in items]
    children = list(db.exec(select(VaultItem).where(col(VaultItem.parent_id).in_(ids))).all())
    everything = [*items, *children]
    all_ids = [i.id for i in everything]
    for item in everything:
        custody.append(db, item.victim_id, item.id, "delete", actor_kind=actor_kind,
                       actor_id=actor_id, item_sha256=item.sha256,
                       detail=item.derivative or "")
    blob_ids = list(db.exec(select(VaultBlob.id).where(col(VaultBlob.item_id).in_(all_ids))).all())
    db.exec(update(TakedownEvent).where(col(TakedownEvent.proof_item_id).in_(all_ids))
            .values(proof_item_id=None))
    db.exec(delete(VaultShare).where(col(VaultShare.item_id).in_(all_ids)))
    db.exec(delete(VaultBlob).where(col(VaultBlob.item_id).in_(all_ids)))
    db.exec(delete(VaultItem).where(col(VaultItem.id).in_([c.id for c in children])))
    db.exec(delete(VaultItem).where(col(VaultItem.id).in_(ids)))
    for item in everything:
        if item in db:
            db.expunge(item)
    db.flush()
    blobs.remove_after_commit(db, blob_ids)
