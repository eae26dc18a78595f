"""The signed dossier: chosen items of the safe leave it as ONE ZIP that a platform, a
school, the police or a court can check without trusting Abri (security notes B5).

Inside the ZIP (stored, not compressed: evidence is mostly JPEG/PNG/MP4 already)::

    items/01-image-1a2b3c4d/original.jpg      the original as stored, decrypted
    items/01-image-1a2b3c4d/working.jpg       its derivatives and captures, if any
    report.pdf                                a readable report in the victim's language
    SHA256SUMS                                ``sha256sum -c SHA256SUMS`` works with no Abri
    manifest.json                             metadata, SHA-256 of every file above,
                                              capture details, the custody excerpt
    manifest.sig                              Ed25519 signature (64 raw bytes) over
                                              manifest.json, by the helpline's signing key

Files stream from the blob store into the ZIP on disk one decrypted segment at a time,
so a 100 MiB dossier never sits in memory. Every export is in the custody log
(action ``export``) before the excerpt is taken, so the dossier shows its own export.

``verify`` needs only the ZIP and the public key: no database, no keyring.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline.config import PRIVATE_FILE, get_settings
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import VictimPrincipal
from helpline.models import CustodyEntry, VaultItem, VaultShare
from helpline.models._common import aware, utcnow
from helpline.vault import blobs, custody, store
from helpline.vault.errors import VaultError

FORMAT = "abri-dossier/1"
MANIFEST, SIGNATURE, SUMS, REPORT = "manifest.json", "manifest.sig", "SHA256SUMS", "report.pdf"
FIXED = (MANIFEST, SIGNATURE)  # not listed in the manifest: they are the manifest
MAX_ITEMS = 200
STAFF_PURPOSES = ("takedown", "report")
CAPTURE_DETAILS_MAX = 256 * 1024
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
              "image/webp": ".webp", "image/heic": ".heic", "image/heif": ".heif",
              "application/pdf": ".pdf", "video/mp4": ".mp4", "video/quicktime": ".mov",
              "video/webm": ".webm", "text/plain; charset=utf-8": ".txt",
              "text/uri-list": ".url.txt", "application/json": ".json",
              "text/html": ".html", "text/html; charset=utf-8": ".html"}
_CHUNK = 1 << 20


# ---- the signing key -----------------------------------------------------------------------


def signing_key() -> Ed25519PrivateKey:
    from helpline.keys import signing_seed

    return Ed25519PrivateKey.from_private_bytes(signing_seed(get_settings()))


def public_key_pem() -> bytes:
    """The helpline's dossier key, as published at /.well-known/abri-dossier-key.pem."""
    return signing_key().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


# ---- building ------------------------------------------------------------------------------


@dataclass
class Dossier:
    """A dossier written to ``path`` (owner-only, in the safe's temporary folder): the
    caller streams it and then calls ``discard``. ``filename`` is the download's name."""

    path: Path
    filename: str
    size: int
    sha256: str
    items: int

    def chunks(self) -> Iterator[bytes]:
        with self.path.open("rb") as handle:
            while data := handle.read(_CHUNK):
                yield data

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class _Entry:
    item: VaultItem
    children: list[VaultItem]
    folder: str
    files: list[dict[str, Any]] = field(default_factory=list)
    capture: dict[str, Any] | None = None
    thumbnail: bytes | None = None


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def _iso(value: datetime | None) -> str | None:
    return aware(value).astimezone(UTC).isoformat(timespec="seconds") if value else None


def _children(db: DbSession, ids: list[str]) -> dict[str, list[VaultItem]]:
    found: dict[str, list[VaultItem]] = {i: [] for i in ids}
    if ids:
        for child in db.exec(select(VaultItem).where(col(VaultItem.parent_id).in_(ids))
                             .order_by(VaultItem.derivative, VaultItem.id)).all():
            found[child.parent_id].append(child)  # type: ignore[index]
    return found


class _HashingWriter:
    def __init__(self, target) -> None:
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)


def _add_stream(zf: zipfile.ZipFile, name: str, chunks: Iterable[bytes],
                when: datetime) -> dict[str, Any]:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    with zf.open(info, "w", force_zip64=True) as handle:
        writer = _HashingWriter(handle)
        for data in chunks:
            writer.write(data)
    return {"path": name, "sha256": writer.digest.hexdigest(), "size": writer.size}


def _custody_excerpt(db: DbSession, account_id: str, ids: list[str]) -> dict[str, list]:
    rows = db.exec(select(CustodyEntry).where(CustodyEntry.account_id == account_id,
                                              col(CustodyEntry.item_id).in_(ids))
                   .order_by(CustodyEntry.seq)).all() if ids else []
    out: dict[str, list] = {}
    for row in rows:
        out.setdefault(row.item_id, []).append({
            "seq": row.seq, "action": row.action, "actor_kind": row.actor_kind,
            "at": aware(row.at).astimezone(UTC).isoformat(timespec="microseconds"),
            "item_sha256": row.item_sha256, "detail": row.detail,
            "prev_hash": row.prev_hash, "entry_hash": row.entry_hash})
    return out


def build(db: DbSession, items: list[VaultItem], *,
          with_original: Callable[[VaultItem, list[VaultItem]], bool],
          exporter_kind: str, exporter_id: str, locale: str) -> Dossier:
    """Write the dossier of ``items`` (originals of one account, access already checked)
    with their derivatives and captures, and log the export of each file's row in the
    custody log. ``with_original(item, children)``: whether the original goes in too."""
    if not items:
        raise VaultError("invalid")
    account_id = items[0].victim_id
    if any(i.victim_id != account_id for i in items):
        raise VaultError("not_found")
    now = utcnow().astimezone(UTC).replace(microsecond=0)
    children = _children(db, [i.id for i in items])
    entries = [_Entry(item=item, children=children[item.id],
                      folder=f"items/{n:02d}-{item.kind}-{item.id[:8]}")
               for n, item in enumerate(items, start=1)]
    chosen = {e.item.id: ([e.item] if with_original(e.item, e.children) else [])
              + e.children for e in entries}
    for row in (r for rows in chosen.values() for r in rows):
        custody.append(db, account_id, row.id, "export", actor_kind=exporter_kind,
                       actor_id=exporter_id, item_sha256=row.sha256,
                       detail=f"dossier {now.isoformat()}")

    path = blobs.tmp_dir() / f"{secrets.token_hex(16)}{blobs.TMP_SUFFIX}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    try:
        listed: list[dict[str, Any]] = []
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            for entry in entries:
                for row in chosen[entry.item.id]:
                    blob = store.blob_of(db, row)
                    if blob is None:
                        continue
                    role = row.derivative or "original"
                    ext = EXTENSIONS.get(row.content_type, ".bin")
                    name = f"{entry.folder}/{_slug(role) or 'file'}{ext}"
                    if row.kind == "capture" and row.content_type.startswith("application/json") \
                            and blob.size <= CAPTURE_DETAILS_MAX:
                        data = store.read_all(blob)
                        try:
                            details = json.loads(data)
                            entry.capture = details if isinstance(details, dict) else None
                        except ValueError:
                            pass
                        chunks: Iterable[bytes] = [data]
                    elif role == "thumbnail":
                        entry.thumbnail = store.read_all(blob)
                        chunks = [entry.thumbnail]
                    else:
                        chunks = store.plaintext(blob)
                    written = _add_stream(zf, name, chunks, now)
                    if written["sha256"] != row.sha256:  # the store changed under us
                        raise VaultError("integrity")
                    written.update(item=entry.item.id, role=role,
                                   content_type=row.content_type)
                    entry.files.append(written)
                    listed.append(written)
            manifest_items = _manifest_items(db, entries, account_id)
            from helpline.vault.report import render

            pdf = render(manifest_items, entries_thumbnails=[e.thumbnail for e in entries],
                         exported_at=now, locale=locale, exporter_kind=exporter_kind)
            listed.append(_add_stream(zf, REPORT, [pdf], now) | {"role": "report"})
            sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in listed).encode()
            listed.append(_add_stream(zf, SUMS, [sums], now) | {"role": "checksums"})
            key = signing_key()
            manifest = {
                "format": FORMAT,
                "helpline": get_settings().helpline_name,
                "exported_at": now.isoformat(),
                "exporter": {"kind": exporter_kind},
                "language": locale,
                "signing_key_sha256": key_fingerprint(key.public_key()),
                "items": manifest_items,
                "files": [{"path": f["path"], "sha256": f["sha256"], "size": f["size"]}
                          for f in listed],
            }
            raw = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
            _add_stream(zf, MANIFEST, [raw], now)
            _add_stream(zf, SIGNATURE, [key.sign(raw)], now)
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while data := handle.read(_CHUNK):
                digest.update(data)
        stamp = now.strftime("%Y%m%d-%H%M%S")
        return Dossier(path=path, filename=f"dossier-{stamp}.zip", size=path.stat().st_size,
                       sha256=digest.hexdigest(), items=len(entries))
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _manifest_items(db: DbSession, entries: list[_Entry], account_id: str) -> list[dict]:
    ids = [row.id for e in entries for row in (e.item, *e.children)]
    excerpt = _custody_excerpt(db, account_id, ids)
    out = []
    for e in entries:
        item = e.item
        out.append({
            "id": item.id, "kind": item.kind, "content_type": item.content_type,
            "title": store.opened(store.TITLE, item, item.title_enc),
            "description": store.opened(store.DESCRIPTION, item, item.description_enc),
            "author": store.opened(store.AUTHOR, item, item.author_enc),
            "platform": store.opened(store.PLATFORM, item, item.platform_enc),
            "url": store.opened(store.URL, item, item.url_enc),
            "filename": store.display_name(
                store.opened(store.FILENAME, item, item.filename_enc)),
            "happened_at_claimed": _iso(item.happened_at),
            "received_at": _iso(item.created_at),
            "sha256": item.sha256, "size": item.size,
            "derivatives": [{"id": c.id, "role": c.derivative, "kind": c.kind,
                             "content_type": c.content_type, "sha256": c.sha256,
                             "size": c.size} for c in e.children],
            "files": [f["path"] for f in e.files],
            "capture": e.capture,
            "custody": [entry for row_id in [item.id, *(c.id for c in e.children)]
                        for entry in excerpt.get(row_id, [])],
        })
    return out


# ---- who may export what -------------------------------------------------------------------


def _ids(item_ids: object) -> list[str]:
    if not isinstance(item_ids, list | tuple) or not item_ids or len(item_ids) > MAX_ITEMS:
        raise VaultError("invalid")
    if not all(isinstance(i, str) and 0 < len(i) <= 64 for i in item_ids):
        raise VaultError("not_found")
    return list(dict.fromkeys(item_ids))


def export_for_victim(db: DbSession, victim: VictimPrincipal, item_ids: list[str], *,
                      locale: str = "fr") -> Dossier:
    """The victim's own items (originals), with derivatives and captures."""
    from helpline.vault.service import account, owned

    victim_id = account(db, victim)
    items = [owned(db, victim_id, i) for i in _ids(item_ids)]
    return build(db, items, with_original=lambda _item, _children: True,
                 exporter_kind="victim",
                 exporter_id=victim_id, locale="en" if locale == "en" else "fr")


def staff_exportable(db: DbSession, staff: StaffPrincipal, victim_id: str) -> list[VaultItem]:
    """Originals of ``victim_id`` shared (live) for a takedown or a report."""
    from helpline.vault.staff import READERS

    require(staff, READERS, VaultError)
    if not isinstance(victim_id, str) or not 0 < len(victim_id) <= 64:
        raise VaultError("not_found")
    rows = db.exec(select(VaultItem).join(VaultShare, VaultShare.item_id == VaultItem.id)
                   .where(VaultShare.victim_id == victim_id,
                          col(VaultShare.withdrawn_at).is_(None),
                          col(VaultShare.purpose).in_(STAFF_PURPOSES),
                          col(VaultItem.parent_id).is_(None))
                   .order_by(col(VaultItem.created_at), VaultItem.id)).all()
    return list({row.id: row for row in rows}.values())


def export_for_staff(db: DbSession, staff: StaffPrincipal, victim_id: str, *,
                     locale: str = "fr", with_originals: bool = False) -> Dossier:
    """What the person shared for a takedown or a report: working copies, thumbnails and
    captures; an image's original only ``with_originals`` — which only a ticket from
    ``helpline.vault.staff.grant_dossier`` asks for, after re-authentication (F4). An item
    with no working copy (a PDF, a video, a text, a link) is its own."""
    items = staff_exportable(db, staff, victim_id)
    if not items:
        raise VaultError("not_found")
    return build(db, items, with_original=lambda item, children: with_originals or (
                 item.kind != "image" and not any(c.derivative == "working" for c in children)),
                 exporter_kind="staff", exporter_id=str(staff.staff_id),
                 locale="en" if locale == "en" else "fr")


# ---- verifying (offline) -------------------------------------------------------------------


@dataclass
class Verification:
    problems: list[str]
    files: int = 0
    items: int = 0
    exported_at: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def verify(path: Path, *, public_key: bytes | None = None) -> Verification:
    """Check a dossier with the PEM ``public_key`` (the keyring's own when None): the
    signature over manifest.json, then that the ZIP holds exactly the listed files and
    each file's SHA-256. Every problem is named; ``ok`` when there is none."""
    result = Verification(problems=[])
    try:
        key = load_public_key(public_key) if public_key is not None else \
            signing_key().public_key()
    except (ValueError, TypeError) as exc:
        result.problems.append(f"the public key cannot be read: {exc}")
        return result
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        result.problems.append(f"{path.name} is not a readable ZIP file: {exc}")
        return result
    with zf:
        names = zf.namelist()
        for name in sorted({n for n in names if names.count(n) > 1}):
            result.problems.append(f"{name}: present more than once")
        try:
            raw = zf.read(MANIFEST)
            signature = zf.read(SIGNATURE)
        except KeyError as exc:
            result.problems.append(f"missing {exc.args[0].split()[-1] if exc.args else ''}"
                                   .strip() or "missing manifest")
            return result
        except (zipfile.BadZipFile, OSError) as exc:
            result.problems.append(f"{MANIFEST}: changed ({exc})")
            return result
        try:
            key.verify(signature, raw)
        except InvalidSignature:
            result.problems.append(
                f"{MANIFEST}: the signature does not match (the manifest was changed, "
                "or it was signed by another key)")
            return result
        try:
            manifest = json.loads(raw)
            listed = {f["path"]: f for f in manifest["files"]}
            result.items = len(manifest["items"])
            result.exported_at = str(manifest.get("exported_at", ""))
        except (ValueError, KeyError, TypeError) as exc:
            result.problems.append(f"{MANIFEST}: not a dossier manifest ({exc})")
            return result
        present = set(names) - set(FIXED)
        for name in sorted(set(listed) - present):
            result.problems.append(f"{name}: missing (listed in the manifest, not in the ZIP)")
        for name in sorted(present - set(listed)):
            result.problems.append(f"{name}: not in the manifest (added or renamed)")
        for name in sorted(present & set(listed)):
            expected = listed[name]
            digest, size = hashlib.sha256(), 0
            try:
                with zf.open(name) as handle:
                    while data := handle.read(_CHUNK):
                        digest.update(data)
                        size += len(data)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                result.problems.append(f"{name}: changed ({exc})")
                continue
            if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
                result.problems.append(f"{name}: changed (its SHA-256 is not the manifest's)")
            else:
                result.files += 1
    return result
