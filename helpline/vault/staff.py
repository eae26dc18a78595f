"""What staff see of the safe: only what a victim shared and has not withdrawn, and only
for the roles that work with the young people (the « Dossiers » area). Working copies by
default; an original only after the staff member proves again who they are, logged in
the custody log and the audit log, through a short-lived signed ticket."""

from __future__ import annotations

from datetime import timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline import audit, crypto
from helpline.identity import staff_auth
from helpline.identity.access import STAFF_AREAS, require
from helpline.identity.sessions import StaffPrincipal
from helpline.identity.victims import nickname_of
from helpline.models import VaultItem, VaultShare, Victim
from helpline.models._common import aware, utcnow
from helpline.ratelimit import NO_WAIT, Throttle, fail, succeed, wait
from helpline.vault import custody, store
from helpline.vault.dossier import STAFF_PURPOSES
from helpline.vault.errors import VaultError
from helpline.vault.service import _thumbnailed, download, variant_item
from helpline.vault.shapes import Download, PersonSummary, SharedItem

READERS = tuple(STAFF_AREAS["cases"])
TICKET_SECONDS = 120
_TICKET_PURPOSE = "vault-original-ticket"
REAUTH = Throttle("vault-original-reauth", free=3, first=timedelta(seconds=5),
                  cap=timedelta(minutes=15))


def _reader(staff: StaffPrincipal | None) -> StaffPrincipal:
    return require(staff, READERS, VaultError)


def _live_shares(db: DbSession, *where) -> list[tuple[VaultShare, VaultItem]]:
    return list(db.exec(select(VaultShare, VaultItem)
                        .join(VaultItem, VaultItem.id == VaultShare.item_id)
                        .where(col(VaultShare.withdrawn_at).is_(None),
                               col(VaultItem.parent_id).is_(None), *where)
                        .order_by(col(VaultShare.shared_at).desc(),
                                  col(VaultShare.id).desc())).all())


def _shared_items(db: DbSession, rows: list[tuple[VaultShare, VaultItem]]) -> list[SharedItem]:
    """One per item, with its latest live share, most recently shared first."""
    latest: dict[str, tuple[VaultShare, VaultItem]] = {}
    for share, item in rows:
        latest.setdefault(item.id, (share, item))
    thumbs = _thumbnailed(db, list(latest))
    return [SharedItem(
        id=item.id, victim_id=item.victim_id, kind=item.kind,
        title=store.opened(store.TITLE, item, item.title_enc),
        platform=store.opened(store.PLATFORM, item, item.platform_enc),
        happened_at=aware(item.happened_at) if item.happened_at else None,
        created_at=aware(item.created_at), sha256=item.sha256, size=item.size,
        has_thumbnail=item.id in thumbs, purpose=share.purpose,
        shared_at=aware(share.shared_at), conversation_id=share.conversation_id,
        url=store.opened(store.URL, item, item.url_enc),
        author=store.opened(store.AUTHOR, item, item.author_enc),
        description=store.opened(store.DESCRIPTION, item, item.description_enc),
        filename=store.opened(store.FILENAME, item, item.filename_enc),
    ) for share, item in latest.values()]


def shared_items(db: DbSession, victim_id: str) -> list[SharedItem]:
    """For callers that already checked access (the case file, through the chat)."""
    return _shared_items(db, _live_shares(db, VaultShare.victim_id == victim_id))


def shared_with_helpline(db: DbSession, staff: StaffPrincipal, victim_id: str) -> list[SharedItem]:
    _reader(staff)
    if not isinstance(victim_id, str):
        raise VaultError("not_found")
    return shared_items(db, victim_id)


def people_with_evidence(db: DbSession, staff: StaffPrincipal) -> list[PersonSummary]:
    """« Dossiers »: everyone with something shared, newest activity first."""
    _reader(staff)
    by_person: dict[str, list[tuple[VaultShare, VaultItem]]] = {}
    for share, item in _live_shares(db):
        by_person.setdefault(item.victim_id, []).append((share, item))
    victims = {v.id: v for v in db.exec(select(Victim).where(
        col(Victim.id).in_(list(by_person)))).all()} if by_person else {}
    people = []
    for victim_id, rows in by_person.items():
        victim = victims.get(victim_id)
        items = _shared_items(db, rows)
        for_dossier = [item.id for share, item in rows if share.purpose in STAFF_PURPOSES]
        people.append(PersonSummary(
            victim_id=victim_id,
            nickname=nickname_of(victim_id, victim.nickname_enc) if victim else "",
            last_activity=max(i.shared_at for i in items), items=items,
            dossier_item=for_dossier[0] if for_dossier else ""))
    people.sort(key=lambda p: p.last_activity, reverse=True)
    return people


def _shared_original(db: DbSession, item_id: object) -> VaultItem:
    """A shared, not withdrawn original; not_found for anything else."""
    if not isinstance(item_id, str) or not 0 < len(item_id) <= 64:
        raise VaultError("not_found")
    item = db.get(VaultItem, item_id)
    if item is None or item.parent_id is not None or not _live_shares(db, VaultItem.id == item_id):
        raise VaultError("not_found")
    return item


def open_for_staff(db: DbSession, staff: StaffPrincipal, item_id: str, variant: str) -> Download:
    """A working copy or thumbnail of a shared item (an item with no derivative — a PDF,
    a video, a text — is its own working copy). "original" needs ``grant_original``."""
    _reader(staff)
    item = _shared_original(db, item_id)
    if variant == "original":
        raise VaultError("not_found")
    row = variant_item(db, item, variant)
    if variant == "working":
        custody.append(db, item.victim_id, row.id, "view", actor_kind="staff",
                       actor_id=staff.staff_id, item_sha256=row.sha256, detail=variant)
    return download(db, item, row, inline=row.derivative is not None)


def _serializer(kind: str) -> URLSafeTimedSerializer:
    """Tickets of one kind ("original", "dossier") never open the other."""
    return URLSafeTimedSerializer(crypto.derive(_TICKET_PURPOSE).hex(), salt=f"vault-{kind}")


def _confirm_again(db: DbSession, staff: StaffPrincipal, password: object,
                   totp: object) -> None:
    """The staff member proved again who they are (password, or TOTP code when they have
    a second factor). Wrong answers count (and are kept: this commits them) toward a
    growing delay."""
    guard = (REAUTH, str(staff.staff_id))
    waiting = wait(db, guard)
    if waiting > NO_WAIT:
        raise VaultError("reauth_wait", until=utcnow() + waiting)
    password = password if isinstance(password, str) else ""
    totp = totp if isinstance(totp, str) else ""
    present = staff_auth.confirm_presence(db, staff, password=password[:1024],
                                          code=totp.strip()[:16])
    if present is None:
        raise VaultError("reauth_unavailable")
    if not present:
        delay = fail(db, guard)
        db.commit()
        raise VaultError("reauth_failed", until=utcnow() + delay if delay > NO_WAIT else None)
    succeed(db, guard)


def grant_original(db: DbSession, staff: StaffPrincipal, item_id: str, *,
                   password: str | None = None, totp: str | None = None) -> str:
    """A ticket (valid TICKET_SECONDS, for this session only) to open the original of a
    shared item, once the staff member confirmed who they are."""
    _reader(staff)
    item = _shared_original(db, item_id)
    if item.kind == "link":
        raise VaultError("not_found")
    _confirm_again(db, staff, password, totp)
    custody.append(db, item.victim_id, item.id, "original_opened", actor_kind="staff",
                   actor_id=staff.staff_id, item_sha256=item.sha256)
    audit.record(db, staff, "vault.original_opened", "vault_item", item.id)
    return _serializer("original").dumps({"i": item.id, "s": staff.session_id})


def grant_dossier(db: DbSession, staff: StaffPrincipal, item_id: str, *,
                  password: str | None = None, totp: str | None = None) -> str:
    """A ticket to export, originals included, the dossier of whoever shared ``item_id``
    for a takedown or a report: the same proof as for one original, since it holds all
    of them. The export itself logs each file in the custody log."""
    from helpline.vault.dossier import staff_exportable

    _reader(staff)
    item = _shared_original(db, item_id)
    if not staff_exportable(db, staff, item.victim_id):
        raise VaultError("not_found")
    _confirm_again(db, staff, password, totp)
    audit.record(db, staff, "vault.dossier_originals_granted", "vault_item", item.id)
    return _serializer("dossier").dumps({"i": item.id, "s": staff.session_id})


def _ticket_item(db: DbSession, staff: StaffPrincipal, kind: str, ticket: str) -> VaultItem:
    _reader(staff)
    try:
        data = _serializer(kind).loads(ticket, max_age=TICKET_SECONDS)
    except (BadSignature, TypeError, ValueError):
        raise VaultError("not_found") from None
    if not isinstance(data, dict) or data.get("s") != staff.session_id:
        raise VaultError("not_found")
    return _shared_original(db, data.get("i"))


def open_dossier_ticket(db: DbSession, staff: StaffPrincipal, ticket: str, *,
                        locale: str = "fr"):
    """The dossier a ``grant_dossier`` ticket opens, originals included."""
    from helpline.vault.dossier import export_for_staff

    item = _ticket_item(db, staff, "dossier", ticket)
    return export_for_staff(db, staff, item.victim_id, locale=locale, with_originals=True)


def open_original_ticket(db: DbSession, staff: StaffPrincipal, ticket: str) -> Download:
    item = _ticket_item(db, staff, "original", ticket)
    custody.append(db, item.victim_id, item.id, "download", actor_kind="staff",
                   actor_id=staff.staff_id, item_sha256=item.sha256, detail="original")
    return download(db, item, item, inline=False)
