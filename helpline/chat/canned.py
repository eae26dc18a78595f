"""Ready-made answers ("réponses prêtes"): counsellors insert them into a reply and
edit before sending. Supervisors keep them, per team (everyone, or one specialty)
and per language."""

from __future__ import annotations

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline import audit
from helpline.chat.access import require_chat_team
from helpline.chat.errors import ChatError
from helpline.chat.text import clean_message
from helpline.errors import Refused
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import CannedResponse, Role, Specialty, StaffUser

TEAMS = ("all", *(s.value for s in Specialty))
LOCALES = ("fr", "en")
TITLE_MAX = 80
BODY_MAX = 2000


class CannedError(Refused):
    """Refused, with a code the page turns into a sentence; nothing was written."""


class Canned(SQLModel):
    id: int
    team: str
    locale: str
    title: str
    body: str


def _public(row: CannedResponse) -> Canned:
    return Canned(id=row.id, team=row.team, locale=row.locale, title=row.title, body=row.body)


def for_console(db: DbSession, staff: StaffPrincipal, locale: str) -> list[Canned]:
    """The answers a counsellor can insert: everyone's, plus their specialty's."""
    require_chat_team(staff)
    member = db.get(StaffUser, staff.staff_id)
    teams = ["all", *([member.specialty] if member and member.specialty else [])]
    rows = db.exec(select(CannedResponse).where(col(CannedResponse.team).in_(teams),
                                                CannedResponse.locale == locale)
                   .order_by(CannedResponse.id)).all()
    return [_public(r) for r in rows]


def _require_supervisor(staff: StaffPrincipal | None) -> None:
    require(staff, (Role.supervisor,), CannedError)


def list_all(db: DbSession, staff: StaffPrincipal | None) -> list[Canned]:
    _require_supervisor(staff)
    rows = db.exec(select(CannedResponse).order_by(
        CannedResponse.team, CannedResponse.locale, CannedResponse.id)).all()
    return [_public(r) for r in rows]


def _text(value: str, max_chars: int, code: str) -> str:
    try:
        return clean_message(value, max_chars)
    except ChatError:
        raise CannedError(code) from None


def save(db: DbSession, staff: StaffPrincipal | None, *, canned_id: int | None, team: str,
         locale: str, title: str, body: str) -> Canned:
    """A new answer (``canned_id`` None) or new words for an existing one."""
    _require_supervisor(staff)
    if team not in TEAMS:
        raise CannedError("team_invalid")
    if locale not in LOCALES:
        raise CannedError("locale_invalid")
    title = " ".join(_text(title, TITLE_MAX, "title_invalid").split())  # one line
    body = _text(body, BODY_MAX, "body_invalid")
    row = CannedResponse() if canned_id is None else db.get(CannedResponse, canned_id)
    if row is None:
        raise CannedError("not_found")
    row.team, row.locale, row.title, row.body = team, locale, title, body
    db.add(row)
    db.flush()
    audit.record(db, staff, "canned.add" if canned_id is None else "canned.edit",
                 "canned_response", row.id, title)
    return _public(row)


def delete(db: DbSession, staff: StaffPrincipal | None, canned_id: int) -> None:
    _require_supervisor(staff)
    row = db.get(CannedResponse, canned_id)
    if row is None:
        raise CannedError("not_found")
    audit.record(db, staff, "canned.delete", "canned_response", row.id, row.title)
    db.delete(row)
