"""The chain of custody: append-only, hash-chained per account.

Each entry's hash is SHA-256 over a canonical serialisation of the entry followed by the
previous entry's hash (64 zeros for an account's first), so changing, removing or
inserting an entry breaks every hash after it. Entries hold ids, actions and hashes only:
they outlive the items, and the account.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from sqlalchemy import text
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline.models import CustodyEntry
from helpline.models._common import aware, utcnow

GENESIS = "0" * 64
ACTIONS = ("capture", "view", "share", "unshare", "download", "original_opened", "export",
           "delete")


def canonical(entry: CustodyEntry) -> bytes:
    return json.dumps({
        "account": entry.account_id, "item": entry.item_id, "action": entry.action,
        "actor_kind": entry.actor_kind, "actor_id": entry.actor_id,
        "item_sha256": entry.item_sha256, "detail": entry.detail,
        "at": aware(entry.at).astimezone(UTC).isoformat(timespec="microseconds"),
    }, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def entry_hash(entry: CustodyEntry) -> str:
    return hashlib.sha256(canonical(entry) + entry.prev_hash.encode()).hexdigest()


def last_hash(db: DbSession, account_id: str) -> str:
    found = db.exec(select(CustodyEntry.entry_hash).where(CustodyEntry.account_id == account_id)
                    .order_by(col(CustodyEntry.seq).desc()).limit(1)).first()
    return found or GENESIS


def _hold_chain(db: DbSession, account_id: str) -> None:
    """Make concurrent appends to one chain wait for each other until commit, so each
    reads the hash the other wrote: PostgreSQL with a transaction-scoped advisory lock
    per account; SQLite by taking its one write lock before reading (a write that
    changes nothing; SQLite begins a transaction only at the first write)."""
    if db.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(account_id.encode()).digest()[:8], "big",
                             signed=True)
        db.exec(text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=key))
    else:
        db.exec(text("UPDATE custody_entry SET seq = seq WHERE 0 = 1"))


def append(db: DbSession, account_id: str, item_id: str, action: str, *, actor_kind: str,
           actor_id: str | int = "", item_sha256: str = "", detail: str = "") -> CustodyEntry:
    """Add an entry at the end of the account's chain. Appends to one chain are
    serialised (``_hold_chain``); should two still name the same previous hash, the
    unique (account, prev_hash) constraint makes the second fail instead of forking."""
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action}")
    _hold_chain(db, account_id)
    entry = CustodyEntry(account_id=account_id, item_id=item_id, action=action,
                         actor_kind=actor_kind, actor_id=str(actor_id),
                         item_sha256=item_sha256, detail=detail[:200],
                         at=utcnow(), prev_hash=last_hash(db, account_id))
    entry.entry_hash = entry_hash(entry)
    db.add(entry)
    db.flush()
    return entry


def chain(db: DbSession, account_id: str) -> list[CustodyEntry]:
    return list(db.exec(select(CustodyEntry).where(CustodyEntry.account_id == account_id)
                        .order_by(CustodyEntry.seq)).all())


def first_break(entries: list[CustodyEntry]) -> CustodyEntry | None:
    """The first entry whose link or hash does not match, or None."""
    expected = GENESIS
    for entry in entries:
        if entry.prev_hash != expected or entry_hash(entry) != entry.entry_hash:
            return entry
        expected = entry.entry_hash
    return None
