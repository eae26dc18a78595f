from datetime import timedelta

import pytest
from sqlmodel import select

from helpline.errors import Refused
from helpline.identity.sessions import open_staff_session, resolve_staff, revoke
from helpline.identity.staff_accounts import StaffAccountError, authenticate_local, create_staff
from helpline.models import StaffRole, UserSession
from helpline.models._common import utcnow

PASSWORD = "correct horse battery"


def _staff(db, **overrides):
    fields = {"email": "Camille@Abri.example", "display_name": "Camille", "password": PASSWORD,
              "roles": ["counsellor"]}
    return create_staff(db, **{**fields, **overrides})


def test_create_and_sign_in(db) -> None:
    staff = _staff(db)
    assert staff.email == "camille@abri.example"
    assert staff.password_hash.startswith("$argon2id$")
    assert PASSWORD not in staff.password_hash
    assert db.exec(select(StaffRole.role)).all() == ["counsellor"]
    assert authenticate_local(db, "CAMILLE@abri.example", PASSWORD).id == staff.id
    assert authenticate_local(db, "camille@abri.example", "wrong password!") is None
    assert authenticate_local(db, "nobody@abri.example", PASSWORD) is None


@pytest.mark.parametrize(
    ("overrides", "message", "code"),
    [
        ({"email": "not-an-email"}, "not an email", "email_invalid"),
        ({"roles": ["wizard"]}, "Roles must be", "roles_invalid"),
        ({"roles": []}, "Roles must be", "roles_invalid"),
        ({"password": "short"}, "12 characters", "password_too_short"),
        ({"specialty": "astrologer"}, "Specialty", "specialty_invalid"),
    ],
)
def test_bad_input_is_refused_with_a_reason(db, overrides, message, code) -> None:
    with pytest.raises(StaffAccountError, match=message) as refused:
        _staff(db, **overrides)
    assert isinstance(refused.value, Refused) and refused.value.code == code
    db.rollback()
    assert db.exec(select(StaffRole)).all() == []


def test_email_is_unique(db) -> None:
    _staff(db)
    with pytest.raises(StaffAccountError, match="already"):
        _staff(db, email="camille@abri.example")


def test_disabled_staff_cannot_sign_in_and_loses_sessions(db) -> None:
    staff = _staff(db)
    token = open_staff_session(db, staff.id, max_hours=12)
    assert resolve_staff(db, token, idle_minutes=30).staff_id == staff.id
    staff.disabled_at = utcnow()
    db.add(staff)
    db.flush()
    assert authenticate_local(db, staff.email, PASSWORD) is None
    assert resolve_staff(db, token, idle_minutes=30) is None


def test_session_token_is_stored_only_as_a_hash(db) -> None:
    staff = _staff(db)
    token = open_staff_session(db, staff.id, max_hours=12)
    row = db.exec(select(UserSession)).one()
    assert token not in row.token_hash and len(row.token_hash) == 64


def test_sessions_expire_when_idle_or_too_old_and_on_revoke(db) -> None:
    staff = _staff(db)
    token = open_staff_session(db, staff.id, max_hours=12)
    row = db.exec(select(UserSession)).one()
    principal = resolve_staff(db, token, idle_minutes=30)
    assert principal.roles == frozenset({"counsellor"})

    row.last_seen_at = utcnow() - timedelta(minutes=31)
    db.add(row)
    assert resolve_staff(db, token, idle_minutes=30) is None

    row.last_seen_at = utcnow()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.add(row)
    assert resolve_staff(db, token, idle_minutes=30) is None

    row.expires_at = utcnow() + timedelta(hours=1)
    db.add(row)
    assert resolve_staff(db, token, idle_minutes=30) is not None
    revoke(db, token)
    assert resolve_staff(db, token, idle_minutes=30) is None
    assert resolve_staff(db, "made-up-token", idle_minutes=30) is None
    assert resolve_staff(db, None, idle_minutes=30) is None
