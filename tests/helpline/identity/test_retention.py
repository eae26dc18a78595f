from datetime import timedelta

import pytest
from sqlmodel import select

from helpline.cli import main
from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.retention import purge_unreachable_accounts
from helpline.models import Conversation, QuizResult, UserSession, Victim
from helpline.models._common import utcnow
from tests.factories import quiz_version


def _account(db, *, idle_days: float) -> str:
    """A victim account whose last visit (account and session) was ``idle_days`` ago."""
    principal = victims.resolve(db, victims.start(db))
    then = utcnow() - timedelta(days=idle_days)
    victim, session = db.get(Victim, principal.victim_id), db.get(UserSession,
                                                                   principal.session_id)
    victim.created_at = victim.last_seen_at = session.last_seen_at = then
    db.add_all((victim, session))
    db.flush()
    return principal.victim_id


def _exists(db, victim_id: str) -> bool:
    db.expire_all()
    return db.get(Victim, victim_id) is not None


def test_empty_accounts_nobody_can_reach_are_removed_with_their_sessions(db) -> None:
    limit = get_settings().victim_session_idle_days
    gone = _account(db, idle_days=limit + 1)
    recent = _account(db, idle_days=limit - 1)
    assert purge_unreachable_accounts(db) == 1
    assert not _exists(db, gone) and _exists(db, recent)
    assert db.exec(select(UserSession).where(UserSession.victim_id == gone)).all() == []


@pytest.mark.parametrize("holds", ["pin", "code", "nickname", "age", "conversation", "quiz"])
def test_an_account_holding_anything_is_kept(db, holds) -> None:
    victim_id = _account(db, idle_days=get_settings().victim_session_idle_days + 30)
    victim = db.get(Victim, victim_id)
    if holds == "pin":
        victim.pin_hash = "argon2-hash"
    elif holds == "code":
        victim.recovery_hash = "argon2-hash"
    elif holds == "nickname":
        victim.nickname_enc = b"sealed"
    elif holds == "age":
        victim.age_band_enc = b"sealed"
    elif holds == "conversation":
        db.add(Conversation(victim_id=victim_id))
    else:
        db.add(QuizResult(victim_id=victim_id, version_id=quiz_version(db), score=3))
    db.add(victim)
    db.flush()
    assert purge_unreachable_accounts(db) == 0
    assert _exists(db, victim_id)


def test_a_session_still_in_use_keeps_its_account(db) -> None:
    victim_id = _account(db, idle_days=get_settings().victim_session_idle_days + 5)
    session = db.exec(select(UserSession).where(UserSession.victim_id == victim_id)).one()
    session.last_seen_at = utcnow()
    db.add(session)
    db.flush()
    assert purge_unreachable_accounts(db) == 0


def test_the_command_line_purges_too(db, capsys) -> None:
    victim_id = _account(db, idle_days=get_settings().victim_session_idle_days + 2)
    db.commit()
    assert main(["purge-accounts"]) == 0
    assert "Removed 1 empty account" in capsys.readouterr().out
    assert not _exists(db, victim_id)
