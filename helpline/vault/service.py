"""The victim's safe: reading, adding, describing, sharing and removing their items.

Every function takes the victim's principal and acts on that account only; another
account's item is ``not_found``, exactly like one that never existed.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlmodel import Session as DbSession
from sqlmodel import col, delete, func, select

from helpline import crypto
from helpline.config import get_settings
from helpline.identity.victims import VictimPrincipal
from helpline.models import (
    Conversation,
    VaultBlob,
    VaultIncident,
    VaultItem,
    VaultShare,
    Victim,
)
from helpline.models._common import aware, utcnow
from helpline.vault import blobs, custody, store
from helpline.vault.capture import EVIDENCE_PARTS
from helpline.vault.errors import VaultError
from helpline.vault.forms import (
    TITLE_MAX,
    DetailsForm,
    LinkForm,
    MessageForm,
    check_url,
    clean_line,
    guess_platform,
)
from helpline.vault.shapes import (
    DerivativeSummary,
    Download,
    IncidentSummary,
    ItemDetail,
    ItemSummary,
    ShareSummary,
    Usage,
)

PURPOSES = ("counselling", "takedown", "report")
VARIANTS = ("original", "working", "thumbnail")
MESSAGE_TYPE = "text/plain; charset=utf-8"
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
              "image/webp": ".webp", "image/heic": ".heic", "image/heif": ".heif",
              "application/pdf": ".pdf", "video/mp4": ".mp4", "video/quicktime": ".mov",
              "video/webm": ".webm", MESSAGE_TYPE: ".txt", "application/json": ".json",
              "text/html": ".html", "application/xhtml+xml": ".xhtml"}
MB = 1024 * 1024
MAX_IDS = 500


def account(db: DbSession, victim: VictimPrincipal) -> str:
    """The caller's account id, if it may use its safe now."""
    if victim is None:
        raise VaultError("no_session")
    if victim.locked:
        raise VaultError("locked")
    if db.get(Victim, victim.victim_id) is None:
        raise VaultError("no_session")
    return victim.victim_id


def owned(db: DbSession, victim_id: str, item_id: object) -> VaultItem:
    """The account's original item ``item_id``; not_found for anything else."""
    if not isinstance(item_id, str) or not 0 < len(item_id) <= 64:
        raise VaultError("not_found")
    item = db.get(VaultItem, item_id)
    if item is None or item.victim_id != victim_id or item.parent_id is not None:
        raise VaultError("not_found")
    return item


def quota_bytes() -> int:
    return get_settings().vault_quota_mb * MB


def used_bytes(db: DbSession, victim_id: str) -> int:
    return db.exec(select(func.coalesce(func.sum(VaultBlob.size), 0))
                   .where(VaultBlob.victim_id == victim_id)).one()


# ---- reading -------------------------------------------------------------------------------


def _live_shared(db: DbSession, item_ids: list[str]) -> set[str]:
    if not item_ids:
        return set()
    return set(db.exec(select(VaultShare.item_id).where(
        col(VaultShare.item_id).in_(item_ids), col(VaultShare.withdrawn_at).is_(None))).all())


def _thumbnailed(db: DbSession, item_ids: list[str]) -> set[str]:
    if not item_ids:
        return set()
    return set(db.exec(select(VaultItem.parent_id).where(
        col(VaultItem.parent_id).in_(item_ids), VaultItem.derivative == "thumbnail")).all())


def summary(item: VaultItem, *, shared: bool, has_thumbnail: bool) -> ItemSummary:
    return ItemSummary(
        id=item.id, kind=item.kind, title=store.opened(store.TITLE, item, item.title_enc),
        platform=store.opened(store.PLATFORM, item, item.platform_enc),
        happened_at=aware(item.happened_at) if item.happened_at else None,
        created_at=aware(item.created_at), size=item.size, sha256=item.sha256,
        incident_id=item.incident_id, has_thumbnail=has_thumbnail, shared=shared,
        filename=store.opened(store.FILENAME, item, item.filename_enc))


def _summaries(db: DbSession, items: list[VaultItem]) -> list[ItemSummary]:
    ids = [i.id for i in items]
    shared, thumbs = _live_shared(db, ids), _thumbnailed(db, ids)
    return [summary(i, shared=i.id in shared, has_thumbnail=i.id in thumbs) for i in items]


def list_items(db: DbSession, victim: VictimPrincipal, *, incident_id: str | None = None,
               platform: str | None = None) -> list[ItemSummary]:
    """The account's items (originals), newest first; filtered by incident and platform
    (the platform is sealed, so it is filtered once opened)."""
    victim_id = account(db, victim)
    query = select(VaultItem).where(VaultItem.victim_id == victim_id,
                                    col(VaultItem.parent_id).is_(None))
    if incident_id:
        query = query.where(VaultItem.incident_id == incident_id)
    rows = list(db.exec(query.order_by(col(VaultItem.created_at).desc(),
                                       col(VaultItem.id).desc())).all())
    found = _summaries(db, rows)
    if platform:
        found = [s for s in found if s.platform == platform]
    return found


def item_detail(db: DbSession, victim: VictimPrincipal, item_id: str) -> ItemDetail:
    """One item with its derivatives and shares; opening it is in the custody log."""
    victim_id = account(db, victim)
    item = owned(db, victim_id, item_id)
    return _detail(db, item, log_view=True)


def _detail(db: DbSession, item: VaultItem, *, log_view: bool) -> ItemDetail:
    children = list(db.exec(select(VaultItem).where(VaultItem.parent_id == item.id)
                            .order_by(VaultItem.derivative)).all())
    shares = list(db.exec(select(VaultShare).where(VaultShare.item_id == item.id)
                          .order_by(col(VaultShare.shared_at).desc(), VaultShare.id)).all())
    text = ""
    if item.kind == "message":
        blob = store.blob_of(db, item)
        text = store.read_all(blob).decode() if blob else ""
    if log_view:
        custody.append(db, item.victim_id, item.id, "view", actor_kind="victim",
                       actor_id=item.victim_id, item_sha256=item.sha256)
    base = summary(item, shared=any(s.withdrawn_at is None for s in shares),
                   has_thumbnail=any(c.derivative == "thumbnail" for c in children))
    return ItemDetail(
        **base.model_dump(),
        author=store.opened(store.AUTHOR, item, item.author_enc),
        description=store.opened(store.DESCRIPTION, item, item.description_enc),
        content_type=item.content_type, text=text,
        url=store.opened(store.URL, item, item.url_enc),
        derivatives=[DerivativeSummary(variant=c.derivative or "", content_type=c.content_type,
                                       sha256=c.sha256, size=c.size) for c in children],
        shares=[share_summary(s) for s in shares])


def share_summary(share: VaultShare) -> ShareSummary:
    return ShareSummary(id=share.id, item_id=share.item_id, purpose=share.purpose,
                        conversation_id=share.conversation_id,
                        shared_at=aware(share.shared_at),
                        withdrawn_at=aware(share.withdrawn_at) if share.withdrawn_at else None)


def incidents(db: DbSession, victim: VictimPrincipal) -> list[IncidentSummary]:
    victim_id = account(db, victim)
    rows = db.exec(select(VaultIncident).where(VaultIncident.victim_id == victim_id)
                   .order_by(col(VaultIncident.created_at).desc(), VaultIncident.id)).all()
    counts = dict(db.exec(select(VaultItem.incident_id, func.count()).where(
        VaultItem.victim_id == victim_id, col(VaultItem.parent_id).is_(None),
        col(VaultItem.incident_id).is_not(None)).group_by(VaultItem.incident_id)).all())
    return [IncidentSummary(id=r.id, title=crypto.open_text(store.INCIDENT, r.title_enc,
                                                            f"{victim_id}/{r.id}") or "",
                            happened_on=r.happened_on, item_count=counts.get(r.id, 0))
            for r in rows]


def usage(db: DbSession, victim: VictimPrincipal) -> Usage:
    victim_id = account(db, victim)
    return Usage(used_bytes=used_bytes(db, victim_id), quota_bytes=quota_bytes())


# ---- adding --------------------------------------------------------------------------------


def _new_item(victim_id: str, kind: str, content_type: str) -> VaultItem:
    now = utcnow()
    return VaultItem(victim_id=victim_id, kind=kind, content_type=content_type, sha256="",
                     created_at=now, updated_at=now)


def _captured(db: DbSession, item: VaultItem) -> None:
    custody.append(db, item.victim_id, item.id, "capture", actor_kind="victim",
                   actor_id=item.victim_id, item_sha256=item.sha256,
                   detail=f"{item.derivative} of {item.parent_id}" if item.parent_id else item.kind)


def add_message(db: DbSession, victim: VictimPrincipal, form: MessageForm) -> ItemSummary:
    """A pasted message, kept byte for byte (its UTF-8 bytes are the blob, and hashed)."""
    victim_id = account(db, victim)
    data = form.text.encode("utf-8")
    if not form.text.strip():
        raise VaultError("empty")
    limit = get_settings().vault_text_max_mb
    if len(data) > limit * MB:
        raise VaultError("too_big", limit_mb=limit)
    if used_bytes(db, victim_id) + len(data) > quota_bytes():
        raise VaultError("quota_full")
    item = _new_item(victim_id, "message", MESSAGE_TYPE)
    item.title_enc = store.seal(store.TITLE, form.title, item)
    item.author_enc = store.seal(store.AUTHOR, form.author, item)
    item.platform_enc = store.seal(store.PLATFORM, form.platform, item)
    item.happened_at = form.seen_at
    blob, writer = store.write_small(item, data)
    try:
        db.add(item)
        db.flush()
        db.add(blob)
        _captured(db, item)
        db.flush()
    except BaseException:
        writer.discard()
        raise
    blobs.remove_on_rollback(db, [writer.blob_id])
    return summary(item, shared=False, has_thumbnail=False)


def add_link(db: DbSession, victim: VictimPrincipal, form: LinkForm) -> ItemSummary:
    """A link, stored now (capturing the page is for later); its hash is its URL's."""
    victim_id = account(db, victim)
    url = check_url(form.url)
    item = _new_item(victim_id, "link", "text/uri-list")
    data = url.encode("utf-8")
    item.size, item.sha256 = len(data), hashlib.sha256(data).hexdigest()
    item.url_enc = store.seal(store.URL, url, item)
    item.platform_enc = store.seal(store.PLATFORM, form.platform or guess_platform(url), item)
    item.description_enc = store.seal(store.DESCRIPTION, form.description, item)
    item.title_enc = store.seal(store.TITLE, form.title, item)
    item.author_enc = store.seal(store.AUTHOR, form.author, item)
    item.happened_at = form.happened_at
    db.add(item)
    db.flush()
    _captured(db, item)
    return summary(item, shared=False, has_thumbnail=False)


def _incident_of(db: DbSession, victim_id: str, incident_id: str) -> VaultIncident:
    incident = db.get(VaultIncident, incident_id) if incident_id else None
    if incident is None or incident.victim_id != victim_id:
        raise VaultError("not_found")
    return incident


def describe(db: DbSession, victim: VictimPrincipal, item_id: str,
             form: DetailsForm) -> ItemDetail:
    """Title, platform, when, author, description, incident (the bytes never change)."""
    victim_id = account(db, victim)
    item = owned(db, victim_id, item_id)
    if form.incident_id:
        _incident_of(db, victim_id, form.incident_id)
    item.title_enc = store.seal(store.TITLE, form.title, item)
    item.platform_enc = store.seal(store.PLATFORM, form.platform, item)
    item.author_enc = store.seal(store.AUTHOR, form.author, item)
    item.description_enc = store.seal(store.DESCRIPTION, form.description, item)
    item.happened_at = form.happened_at
    item.incident_id = form.incident_id or None
    item.updated_at = utcnow()
    db.add(item)
    db.flush()
    return _detail(db, item, log_view=False)


def add_incident(db: DbSession, victim: VictimPrincipal, title: str,
                 happened_on: date | None) -> IncidentSummary:
    victim_id = account(db, victim)
    if not isinstance(title, str):
        raise VaultError("invalid")
    title = clean_line(title)
    if not title:
        raise VaultError("empty")
    if len(title) > TITLE_MAX:
        raise VaultError("too_long")
    if happened_on is not None and not isinstance(happened_on, date):
        raise VaultError("invalid")
    incident = VaultIncident(victim_id=victim_id, title_enc=b"", happened_on=happened_on)
    incident.title_enc = crypto.seal(store.INCIDENT, title, f"{victim_id}/{incident.id}")
    db.add(incident)
    db.flush()
    return IncidentSummary(id=incident.id, title=title, happened_on=happened_on, item_count=0)


# ---- reading bytes -------------------------------------------------------------------------


def variant_item(db: DbSession, item: VaultItem, variant: str) -> VaultItem:
    """The row holding ``variant`` of an original: itself for "original", its derivative
    otherwise; "working" of an item with no derivative is the item itself (a PDF, a video,
    a text: there is no other copy). A link has no bytes of its own: only its capture's
    evidence parts (screenshot, PDF, HTTP record, body). not_found when there is none."""
    if item.kind == "link":
        if variant not in EVIDENCE_PARTS:
            raise VaultError("not_found")
    elif variant not in VARIANTS:
        raise VaultError("not_found")
    elif variant == "original":
        return item
    child = db.exec(select(VaultItem).where(VaultItem.parent_id == item.id,
                                            VaultItem.derivative == variant)).first()
    if child is not None:
        return child
    if variant == "working" and item.kind != "image":
        return item
    raise VaultError("not_found")


def download(db: DbSession, original: VaultItem, row: VaultItem, *, inline: bool) -> Download:
    blob = store.blob_of(db, row)
    if blob is None:
        raise VaultError("not_found")
    name = store.opened(store.FILENAME, original, original.filename_enc) or \
        store.opened(store.TITLE, original, original.title_enc) or original.kind
    if row.derivative:
        name = f"{name.rsplit('.', 1)[0]}-{row.derivative}"
    extension = EXTENSIONS.get(row.content_type) or \
        EXTENSIONS.get(row.content_type.split(";")[0].strip().lower(), ".bin")
    return Download(filename=store.disposition_name(name, extension),
                    content_type=row.content_type, size=blob.size, inline=inline,
                    sha256=row.sha256, _chunks=lambda: store.plaintext(blob))


def open_for_victim(db: DbSession, victim: VictimPrincipal, item_id: str,
                    variant: str) -> Download:
    victim_id = account(db, victim)
    item = owned(db, victim_id, item_id)
    row = variant_item(db, item, variant)
    if variant != "thumbnail":  # shown in every list: a thumbnail is ours, not evidence
        custody.append(db, victim_id, row.id, "download", actor_kind="victim",
                       actor_id=victim_id, item_sha256=row.sha256, detail=variant)
    # The safe's own copies open in the page; a capture's parts are files to keep.
    return download(db, item, row, inline=row.derivative in ("working", "thumbnail"))


# ---- sharing -------------------------------------------------------------------------------


def share(db: DbSession, victim: VictimPrincipal, item_ids: list[str], purpose: str,
          conversation_id: str | None = None) -> list[ShareSummary]:
    """Share these items with the helpline for ``purpose`` (in a conversation when
    attached to a chat). An item already shared the same way is not shared twice."""
    victim_id = account(db, victim)
    if purpose not in PURPOSES:
        raise VaultError("invalid")
    if not isinstance(item_ids, list | tuple) or not item_ids or len(item_ids) > MAX_IDS:
        raise VaultError("invalid")
    if conversation_id is not None:
        found = db.get(Conversation, conversation_id) if isinstance(conversation_id, str) \
            else None
        if found is None or found.victim_id != victim_id:
            raise VaultError("not_found")
    items = [owned(db, victim_id, i) for i in dict.fromkeys(item_ids)]
    made = []
    for item in items:
        live = db.exec(select(VaultShare).where(
            VaultShare.item_id == item.id, VaultShare.purpose == purpose,
            VaultShare.conversation_id == conversation_id if conversation_id
            else col(VaultShare.conversation_id).is_(None),
            col(VaultShare.withdrawn_at).is_(None))).first()
        if live is None:
            live = VaultShare(item_id=item.id, victim_id=victim_id, purpose=purpose,
                              conversation_id=conversation_id, shared_at=utcnow())
            db.add(live)
            custody.append(db, victim_id, item.id, "share", actor_kind="victim",
                           actor_id=victim_id, item_sha256=item.sha256,
                           detail=f"{purpose} {conversation_id}" if conversation_id else purpose)
        made.append(share_summary(live))
    db.flush()
    return made


def withdraw(db: DbSession, victim: VictimPrincipal, item_id: str) -> None:
    """Withdraw every live share of the item: staff no longer see it, at once."""
    victim_id = account(db, victim)
    item = owned(db, victim_id, item_id)
    now = utcnow()
    for row in db.exec(select(VaultShare).where(VaultShare.item_id == item.id,
                                                col(VaultShare.withdrawn_at).is_(None))).all():
        row.withdrawn_at = now
        db.add(row)
        custody.append(db, victim_id, item.id, "unshare", actor_kind="victim",
                       actor_id=victim_id, item_sha256=item.sha256, detail=row.purpose)
    db.flush()


# ---- removing ------------------------------------------------------------------------------


def delete_item(db: DbSession, victim: VictimPrincipal, item_id: str) -> None:
    victim_id = account(db, victim)
    store.shred(db, [owned(db, victim_id, item_id)], actor_kind="victim", actor_id=victim_id)


def empty_vault(db: DbSession, victim: VictimPrincipal) -> int:
    """« Tout supprimer »: every item of the safe; how many originals."""
    victim_id = account(db, victim)
    return _shred_all(db, victim_id, actor_kind="victim")


def _shred_all(db: DbSession, victim_id: str, *, actor_kind: str) -> int:
    items = list(db.exec(select(VaultItem).where(VaultItem.victim_id == victim_id,
                                                 col(VaultItem.parent_id).is_(None))).all())
    store.shred(db, items, actor_kind=actor_kind, actor_id=victim_id)
    return len(items)


def shred_account(db: DbSession, victim_id: str) -> None:
    """The account is being erased: its safe goes with it (keys, blobs, incidents)."""
    _shred_all(db, victim_id, actor_kind="victim")
    db.exec(delete(VaultShare).where(VaultShare.victim_id == victim_id))
    db.exec(delete(VaultIncident).where(VaultIncident.victim_id == victim_id))
    db.flush()

