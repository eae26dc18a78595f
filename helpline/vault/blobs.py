"""The blob store: encrypted files under ``settings.blob_dir/vault``, named by a random
id, never by anything a person chose, and outside every public route.

A blob is written to a temporary file, flushed to disk and renamed into place BEFORE its
row commits: a crash leaves at worst a stray file (removed by ``sweep``), never a row
without its bytes. Files of deleted rows are removed once the deletion commits.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import time
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event
from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.config import PRIVATE_FILE, get_settings, private_dir
from helpline.models import VaultBlob

TMP_SUFFIX = ".part"
_NAME = re.compile(r"[0-9a-f]{32}")
_PENDING = "vault_unlink"  # blobs to remove once the session commits
_PLACED = "vault_placed"  # blobs placed for rows not committed yet: removed on rollback
SWEEP_GRACE_SECONDS = 600  # younger: an upload still writing (mtime moves) or committing
log = logging.getLogger("abri.vault")


def vault_dir() -> Path:
    return private_dir(Path(get_settings().blob_dir) / "vault")  # type: ignore[arg-type]


def tmp_dir() -> Path:
    return private_dir(vault_dir() / ".tmp")


def blob_path(blob_id: str) -> Path:
    if not _NAME.fullmatch(blob_id):
        raise ValueError("not a blob id")
    return vault_dir() / blob_id


class TempBlob:
    """A new owner-only temporary file; ``place`` makes it the blob ``blob_id``,
    ``discard`` removes it (safe to call twice, or after ``place``: then a no-op)."""

    def __init__(self) -> None:
        self.path = tmp_dir() / f"{secrets.token_hex(16)}{TMP_SUFFIX}"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)
        self.file: BinaryIO = os.fdopen(fd, "wb", buffering=1 << 20)
        self.placed: Path | None = None

    def place(self, blob_id: str) -> Path:
        target = blob_path(blob_id)
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.path, target)
        _fsync_dir(target.parent)
        self.placed = target
        return target

    def discard(self) -> None:
        if not self.file.closed:
            self.file.close()
        if self.placed is None:
            self.path.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_now(blob_id: str) -> None:
    blob_path(blob_id).unlink(missing_ok=True)


def remove_after_commit(db: DbSession, blob_ids: list[str]) -> None:
    """Remove these files once ``db`` commits (a rollback keeps them, with their rows).
    A crash in between leaves files without rows: the sweep's to remove."""
    pending: list[str] | None = db.info.get(_PENDING)
    if pending is None:
        pending = db.info[_PENDING] = []
        _listen(db)
    pending.extend(blob_ids)


def remove_on_rollback(db: DbSession, blob_ids: list[str]) -> None:
    """These files were placed for rows of ``db``'s transaction: if it rolls back, they
    go too (if the process dies first, the sweep removes them)."""
    placed: list[str] | None = db.info.get(_PLACED)
    if placed is None:
        placed = db.info[_PLACED] = []
        _listen(db)
    placed.extend(blob_ids)


def _listen(db: DbSession) -> None:
    # Listeners stay for the session's life (removing one while it runs is not allowed);
    # with nothing pending they do nothing.
    if not event.contains(db, "after_commit", _unlink_pending):
        event.listen(db, "after_commit", _unlink_pending)
        event.listen(db, "after_rollback", _forget_pending)


def _unlink_pending(db: DbSession) -> None:
    db.info.pop(_PLACED, None)  # their rows are in
    for blob_id in db.info.pop(_PENDING, []):
        try:
            remove_now(blob_id)
        except OSError:  # the sweep removes it later
            log.warning("could not remove a shredded blob", exc_info=True)


def _forget_pending(db: DbSession) -> None:
    db.info.pop(_PENDING, None)  # the rows are back: so are their files
    for blob_id in db.info.pop(_PLACED, []):
        try:
            remove_now(blob_id)
        except OSError:
            log.warning("could not remove a blob whose row was rolled back", exc_info=True)


def sweep(db: DbSession, *, grace_seconds: float = SWEEP_GRACE_SECONDS) -> int:
    """Remove temporary files and blobs without a row, older than ``grace_seconds``
    (younger ones may belong to an upload or a commit still under way); returns how
    many."""
    folder = vault_dir()
    cutoff = time.time() - grace_seconds
    removed = 0
    for path in tmp_dir().iterdir():
        if path.is_file() and path.lstat().st_mtime <= cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    candidates = [p for p in folder.iterdir()
                  if p.is_file() and _NAME.fullmatch(p.name) and p.lstat().st_mtime <= cutoff]
    if candidates:
        known = set(db.exec(select(VaultBlob.id)).all())
        for path in candidates:
            if path.name not in known:
                path.unlink(missing_ok=True)
                removed += 1
    return removed
