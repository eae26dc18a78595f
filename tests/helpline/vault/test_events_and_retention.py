"""The safe's events name who changed, never what; an account with evidence is kept."""

from __future__ import annotations

from datetime import timedelta

from helpline import events, vault
from helpline.identity.retention import purge_unreachable_accounts
from helpline.models import UserSession, Victim
from helpline.models._common import utcnow


def test_vault_events_reach_the_owner_and_the_staff_pages() -> None:
    assert events.VaultChanged("v1").channels() == (events.vault_channel("v1"),)
    assert events.VaultShared("v1").channels() == (
        events.SHARED_EVIDENCE, events.shared_evidence_channel("v1"))
    assert events.SHARED_EVIDENCE == "shared-evidence"


def test_an_idle_account_holding_evidence_is_not_purged(db, victim) -> None:
    vault.add_message(db, victim, vault.MessageForm(text="à garder"))
    then = utcnow() - timedelta(days=400)
    account = db.get(Victim, victim.victim_id)
    session = db.get(UserSession, victim.session_id)
    account.created_at = account.last_seen_at = session.last_seen_at = then
    db.add_all((account, session))
    db.flush()
    assert purge_unreachable_accounts(db) == 0
    assert db.get(Victim, victim.victim_id) is not None
    vault.empty_vault(db, victim)
    assert purge_unreachable_accounts(db) == 1
