"""For operators: verifying the custody log against the bytes, rotating the key,
sweeping orphans."""

from __future__ import annotations

import hashlib

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline import crypto
from helpline.models import CustodyEntry, VaultBlob, VaultIncident, VaultItem
from helpline.vault import blobs, custody, store
from helpline.vault.framing import FramingError, unwrap_key, wrap_key


def _rehash(db: DbSession, item: VaultItem) -> str | None:
    """SHA-256 of what is kept for ``item`` now (decrypting its blob), or None when it
    does not open at all."""
    if item.kind == "link":
        try:
            url = store.opened(store.URL, item, item.url_enc)
        except crypto.CryptoError:
            return None
        return hashlib.sha256(url.encode()).hexdigest()
    blob = store.blob_of(db, item)
    if blob is None:
        return None
    digest = hashlib.sha256()
    try:
        for part in store.plaintext(blob):
            digest.update(part)
    except (FramingError, OSError):
        return None
    return digest.hexdigest()


def verify_custody(db: DbSession) -> list[str]:
    """[] when every account's chain links and every item's bytes hash to what was
    captured; else, per account, the first entry and the first item that do not match."""
    findings: list[str] = []
    accounts = sorted(set(db.exec(select(CustodyEntry.account_id).distinct()).all())
                      | set(db.exec(select(VaultItem.victim_id).distinct()).all()))
    for account_id in accounts:
        entries = custody.chain(db, account_id)
        broken = custody.first_break(entries)
        if broken is not None:
            findings.append(f"account {account_id}: custody entry #{broken.seq} "
                            f"({broken.action}, item {broken.item_id}) does not match its chain")
        captured = {e.item_id: e.item_sha256 for e in entries if e.action == "capture"}
        items = db.exec(select(VaultItem).where(VaultItem.victim_id == account_id)
                        .order_by(VaultItem.created_at, VaultItem.id)).all()
        for item in items:
            now = _rehash(db, item)
            if now is None:
                problem = "its blob is missing or does not open (changed or cut)"
            elif now != item.sha256:
                problem = "its bytes do not hash to the recorded SHA-256"
            elif captured.get(item.id) != item.sha256:
                problem = "its SHA-256 differs from the one captured in the custody log"
            else:
                continue
            findings.append(f"account {account_id}: item {item.id}: {problem}")
            break
    return findings


def _reseal(purpose: str, sealed: bytes | None, where: str, current: int) -> bytes | None:
    if sealed is None or crypto.sealed_version(sealed) == current:
        return sealed
    return crypto.seal(purpose, crypto.open_sealed(purpose, sealed, where), where)


def rotate_key(db: DbSession) -> int:
    """Re-wrap every data key under the keyring's current KEK (the blobs stay as they
    are) and re-seal the safe's sealed fields; returns how many data keys changed."""
    current = crypto.keyring().current
    changed = 0
    for blob in db.exec(select(VaultBlob).where(VaultBlob.key_version != current)).all():
        key = unwrap_key(blob.wrapped_key, item_id=blob.item_id, owner_id=blob.victim_id,
                         version=blob.key_version)
        blob.wrapped_key = wrap_key(key, item_id=blob.item_id, owner_id=blob.victim_id,
                                    version=current)
        blob.key_version = current
        db.add(blob)
        changed += 1
    for item in db.exec(select(VaultItem)).all():
        where = store.context(item.id, item.victim_id)
        for column, purpose in store.SEALED_COLUMNS.items():
            setattr(item, column, _reseal(purpose, getattr(item, column), where, current))
        db.add(item)
    for incident in db.exec(select(VaultIncident)).all():
        incident.title_enc = _reseal(store.INCIDENT, incident.title_enc,
                                     f"{incident.victim_id}/{incident.id}", current)
        db.add(incident)
    db.flush()
    return changed


def sweep_orphans(db: DbSession) -> int:
    """Temporary files and blobs without a row, left by a crash (see blobs.sweep)."""
    return blobs.sweep(db)
