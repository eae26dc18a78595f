import pytest
from sqlmodel import select

from helpline import audit
from helpline.audit import AuditDenied
from helpline.identity.sessions import open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.models import AuditEntry
from helpline.models._common import utcnow


def _principal(db, name: str, role: str):
    staff = create_staff(db, email=f"{name}@abri.example", display_name=name.title(),
                         password=None, roles=[role])
    if role == "admin":
        staff.totp_confirmed_at = utcnow()  # admins hold their rights only with TOTP
        db.add(staff)
    return resolve_staff(db, open_staff_session(db, staff.id, max_hours=1), idle_minutes=30)


@pytest.fixture
def team(db):
    team = {role: _principal(db, name, role) for name, role in [
        ("camille", "counsellor"), ("sam", "supervisor"), ("ada", "admin")]}
    audit.record(db, team["counsellor"], "case.opened", "conversation", "conv-1")
    audit.record(db, team["counsellor"], "evidence.viewed", "evidence", "item-9", "x" * 900)
    audit.record(db, team["supervisor"], "case.opened", "conversation", "conv-2")
    audit.record(db, None, "staff.sign_in", "staff", team["admin"].staff_id, "password")
    db.flush()
    return team


def _reads(db) -> list[tuple[int, str]]:
    return db.exec(select(AuditEntry.actor_staff_id, AuditEntry.detail).where(
        AuditEntry.action == "audit.read")).all()


def test_a_counsellor_or_nobody_cannot_read_the_log(db, team) -> None:
    for principal in (team["counsellor"], None):
        with pytest.raises(AuditDenied):
            audit.search(db, principal)
    assert _reads(db) == []


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_read_the_log_newest_first(db, team, role) -> None:
    entries = audit.search(db, team[role])
    assert [e.action for e in entries] == [
        "audit.read", "staff.sign_in", "case.opened", "evidence.viewed", "case.opened"]
    assert entries[1].actor == "—" and entries[2].actor == "Sam"
    assert entries[3].actor == "Camille" and len(entries[3].detail) == 500
    assert audit.search(db, team[role], limit=2)[1].action == "audit.read"


def test_search_filters_by_staff_and_by_object(db, team) -> None:
    reader = team["supervisor"]
    by_camille = audit.search(db, reader, staff_id=team["counsellor"].staff_id)
    assert [(e.action, e.object_id) for e in by_camille] == [
        ("evidence.viewed", "item-9"), ("case.opened", "conv-1")]
    on_conv_2 = audit.search(db, reader, object_id=" conv-2 ")
    assert [(e.actor, e.object_id) for e in on_conv_2] == [("Sam", "conv-2")]
    assert audit.search(db, reader, object_id="nothing-here") == []


def test_every_read_is_itself_recorded(db, team) -> None:
    reader = team["admin"]
    audit.search(db, reader)
    audit.search(db, reader, staff_id=7, object_id="conv-1")
    assert _reads(db) == [(reader.staff_id, "staff=* object=*"),
                          (reader.staff_id, "staff=7 object=conv-1")]
