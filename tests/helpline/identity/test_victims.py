import dataclasses
import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
from mnemonic import Mnemonic
from sqlalchemy import func, text
from sqlmodel import select

from helpline import vault
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.identity import recovery_code, victims
from helpline.identity.passwords import hash_secret
from helpline.identity.sessions import open_staff_session
from helpline.identity.staff_accounts import create_staff
from helpline.identity.victims import VictimPrincipal
from helpline.models import (
    Conversation,
    Message,
    Platform,
    QuizResult,
    TakedownEvent,
    TakedownRequest,
    UserSession,
    VaultBlob,
    VaultItem,
    VaultShare,
    Victim,
)
from helpline.models._common import aware, utcnow
from tests.factories import quiz_version
from tests.factories import victim_refused as _code_of

PIN = "2580"
OTHER_PIN = "1357"


def _new(db) -> tuple[str, VictimPrincipal]:
    token = victims.start(db)
    return token, victims.resolve(db, token)


def _idle_for(db, principal: VictimPrincipal, minutes: float) -> None:
    row = db.get(UserSession, principal.session_id)
    row.last_seen_at = utcnow() - timedelta(minutes=minutes)
    db.add(row)
    db.flush()


def _raw_victim_row(db, victim_id: str) -> bytes:
    row = db.connection().execute(
        text("SELECT * FROM victim WHERE id = :id"), {"id": victim_id}).one()
    return b"|".join(v if isinstance(v, bytes) else str(v).encode() for v in row)


def _database_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob("abri.db*")))


def _retyped(code: str) -> str:
    """The code as someone copies it back by hand: capitals, accents, odd separators."""
    accented = dict(zip(recovery_code.wordlist(), Mnemonic("french").wordlist, strict=True))
    *words, digits = code.split("-")
    return "  " + " , ".join(accented[w].upper() for w in words) + " /  " + digits + " "


def _victim(db, victim_id: str) -> Victim:
    db.expire_all()
    return db.get(Victim, victim_id)


# ---- sessions -------------------------------------------------------------------------


def test_start_opens_a_session_whose_token_is_stored_only_hashed(db) -> None:
    token = victims.start(db)
    row = db.exec(select(UserSession)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash
    victim = db.get(Victim, row.victim_id)
    assert (victim.nickname_enc, victim.age_band_enc, victim.pin_hash, victim.recovery_hash) == (
        None, None, None, None)
    assert victims.resolve(db, token) == VictimPrincipal(victim.id, row.id, locked=False)


def test_resolve_refuses_unknown_expired_revoked_long_idle_and_staff_sessions(db) -> None:
    token, principal = _new(db)
    row = db.get(UserSession, principal.session_id)
    assert victims.resolve(db, None) is None
    assert victims.resolve(db, "") is None
    assert victims.resolve(db, "made-up-token") is None

    row.expires_at = utcnow() - timedelta(seconds=1)
    db.add(row)
    assert victims.resolve(db, token) is None

    row.expires_at = utcnow() + timedelta(days=1)
    row.last_seen_at = utcnow() - timedelta(days=get_settings().victim_session_idle_days)
    db.add(row)
    assert victims.resolve(db, token) is None

    row.last_seen_at = utcnow()
    db.add(row)
    assert victims.resolve(db, token) is not None
    row.revoked_at = utcnow()
    db.add(row)
    assert victims.resolve(db, token) is None

    staff = create_staff(db, email="c@abri.example", display_name="C", password=None,
                         roles=["counsellor"])
    assert victims.resolve(db, open_staff_session(db, staff.id, max_hours=1)) is None


def test_resolve_touches_last_seen_only_when_asked(db) -> None:
    token, principal = _new(db)
    _idle_for(db, principal, 5)
    before = aware(db.get(UserSession, principal.session_id).last_seen_at)
    victims.resolve(db, token, touch=False)
    assert aware(db.get(UserSession, principal.session_id).last_seen_at) == before
    victims.resolve(db, token)
    assert aware(db.get(UserSession, principal.session_id).last_seen_at) > before
    assert db.get(Victim, principal.victim_id).last_seen_at is not None


def _protect(db, principal: VictimPrincipal, how: str) -> None:
    if how == "pin":
        victims.set_pin(db, principal, PIN)
    elif how in {"code", "unconfirmed code"}:
        code = victims.new_recovery_code(db, principal)
        if how == "code":
            victims.confirm_recovery_code(db, principal, code)


@pytest.mark.parametrize(
    ("how", "locks"),
    [("nothing", False), ("unconfirmed code", False), ("pin", True), ("code", True)],
)
def test_an_idle_session_locks_only_when_the_account_can_be_unlocked(
        db, monkeypatch, how, locks) -> None:
    monkeypatch.setenv("ABRI_VICTIM_LOCK_MINUTES", "3")
    get_settings.cache_clear()
    token, principal = _new(db)
    _protect(db, principal, how)

    _idle_for(db, principal, 2)
    assert victims.resolve(db, token).locked is False
    _idle_for(db, principal, 4)
    assert victims.resolve(db, token).locked is locks
    assert victims.resolve(db, token).locked is locks  # activity does not lift the lock
    assert (db.get(UserSession, principal.session_id).locked_at is not None) is locks


def test_lock_now_needs_a_pin_or_a_confirmed_code(db) -> None:
    token, principal = _new(db)
    with _code_of("nothing_to_unlock_with"):
        victims.lock_now(db, principal)
    victims.new_recovery_code(db, principal)
    with _code_of("nothing_to_unlock_with"):
        victims.lock_now(db, principal)
    assert victims.resolve(db, token).locked is False

    victims.set_pin(db, principal, PIN)
    victims.lock_now(db, principal)
    assert victims.resolve(db, token).locked is True


def test_a_locked_session_hides_the_profile_and_refuses_changes(db) -> None:
    token, principal = _new(db)
    victims.update_profile(db, principal, nickname="Sam", age_band="15_17")
    victims.set_pin(db, principal, PIN)
    victims.lock_now(db, principal)
    locked = victims.resolve(db, token)

    shown = victims.profile(db, locked)
    assert (shown.nickname, shown.age_band, shown.has_pin) == ("", "", True)
    for action in (
        lambda: victims.update_profile(db, locked, nickname="Max", age_band=""),
        lambda: victims.new_recovery_code(db, locked),
        lambda: victims.set_pin(db, locked, OTHER_PIN),
        lambda: victims.remove_pin(db, locked),
        lambda: victims.erase(db, locked),
    ):
        with _code_of("locked"):
            action()
    assert victims.profile(db, dataclasses.replace(locked, locked=False)).nickname == "Sam"


# ---- profile ----------------------------------------------------------------------------


def test_nickname_is_encrypted_at_rest(db, data_dir) -> None:
    _, principal = _new(db)
    shown = victims.update_profile(db, principal, nickname="  Zoé \t la   Rêveuse ",
                                   age_band="11_14")
    assert (shown.nickname, shown.age_band) == ("Zoé la Rêveuse", "11_14")
    assert (shown.has_pin, shown.has_recovery_code) == (False, False)
    raw = _raw_victim_row(db, principal.victim_id)
    assert principal.victim_id.encode() in raw  # the raw row is really read
    assert "Zoé la Rêveuse".encode() not in raw and "Rêveuse".encode() not in raw
    assert b"11_14" not in raw  # the age band is sealed too
    db.commit()
    assert "Rêveuse".encode() not in _database_bytes(data_dir)
    assert victims.profile(db, principal).nickname == "Zoé la Rêveuse"

    cleared = victims.update_profile(db, principal, nickname="   ", age_band="")
    assert (cleared.nickname, cleared.age_band) == ("", "")
    assert db.get(Victim, principal.victim_id).nickname_enc is None


@pytest.mark.parametrize(
    ("nickname", "age_band", "code"),
    [
        ("x" * (victims.NICKNAME_MAX + 1), "", "nickname_invalid"),
        ("Sam\x1b[31m", "", "nickname_invalid"),
        ("Sam\u200b", "", "nickname_invalid"),
        ("Max", "42", "age_band_invalid"),
        ("Max", "adult", "age_band_invalid"),
    ],
)
def test_an_invalid_profile_is_refused_and_nothing_written(db, nickname, age_band, code) -> None:
    _, principal = _new(db)
    victims.update_profile(db, principal, nickname="Sam", age_band="18_plus")
    before = _raw_victim_row(db, principal.victim_id)
    with _code_of(code):
        victims.update_profile(db, principal, nickname=nickname, age_band=age_band)
    assert _raw_victim_row(db, principal.victim_id) == before
    shown = victims.profile(db, principal)
    assert (shown.nickname, shown.age_band) == ("Sam", "18_plus")


def test_a_nickname_of_the_maximum_length_is_accepted(db) -> None:
    _, principal = _new(db)
    nickname = "x" * victims.NICKNAME_MAX
    assert victims.update_profile(db, principal, nickname=nickname, age_band="").nickname == (
        nickname)


# ---- recovery code ------------------------------------------------------------------------


def test_the_recovery_code_is_stored_only_as_hashes(db, data_dir) -> None:
    _, principal = _new(db)
    code = victims.new_recovery_code(db, principal)
    assert recovery_code.normalise(code) == code
    victim = db.get(Victim, principal.victim_id)
    assert victim.recovery_hash.startswith("$argon2id$") and code not in victim.recovery_hash
    assert len(victim.recovery_lookup) == 64 and code not in victim.recovery_lookup
    assert not victims.profile(db, principal).has_recovery_code
    db.commit()
    database = _database_bytes(data_dir)
    assert victim.recovery_lookup.encode() in database  # the database file is really read
    assert code.encode() not in database


def test_confirming_tolerates_case_accents_and_spacing(db) -> None:
    _, principal = _new(db)
    code = victims.new_recovery_code(db, principal)
    victims.confirm_recovery_code(db, principal, _retyped(code))
    assert victims.profile(db, principal).has_recovery_code
    assert db.get(Victim, principal.victim_id).recovery_confirmed_at is not None


def test_a_wrong_code_is_not_confirmed(db) -> None:
    _, principal = _new(db)
    with _code_of("no_code"):
        victims.confirm_recovery_code(db, principal, recovery_code.generate())
    code = victims.new_recovery_code(db, principal)
    last_digit_off = code[:-1] + str((int(code[-1]) + 1) % 10)
    for typed in (recovery_code.generate(), last_digit_off, code[:-5], "not a code", ""):
        with _code_of("code_mismatch"):
            victims.confirm_recovery_code(db, principal, typed)
    assert not victims.profile(db, principal).has_recovery_code


def test_a_new_code_replaces_the_earlier_one(db) -> None:
    _, principal = _new(db)
    first = victims.new_recovery_code(db, principal)
    victims.confirm_recovery_code(db, principal, first)
    second = victims.new_recovery_code(db, principal)
    assert not victims.profile(db, principal).has_recovery_code
    with _code_of("code_mismatch"):
        victims.confirm_recovery_code(db, principal, first)
    with _code_of("code_wrong"):
        victims.restore(db, first, "client")
    victims.confirm_recovery_code(db, principal, second)


def test_restore_opens_a_new_session_on_the_right_account(db) -> None:
    accounts = []
    for nickname in ("Ana", "Bo", "Cy"):
        _, principal = _new(db)
        victims.update_profile(db, principal, nickname=nickname, age_band="")
        accounts.append((principal, victims.new_recovery_code(db, principal)))
    principal, code = accounts[1]

    restored = victims.resolve(db, victims.restore(db, _retyped(code), "client"))
    assert restored.victim_id == principal.victim_id
    assert restored.session_id != principal.session_id and not restored.locked
    shown = victims.profile(db, restored)
    assert shown.nickname == "Bo" and shown.has_recovery_code  # restoring confirms the code
    assert victims.profile(db, accounts[0][0]).has_recovery_code is False


@pytest.mark.parametrize("typed", ["", "bonjour", "abaisser abaisser abaisser abaisser 0000",
                                   "issued-by-nobody"])
def test_restore_refuses_a_wrong_code(db, typed) -> None:
    _, principal = _new(db)
    victims.new_recovery_code(db, principal)
    if typed == "issued-by-nobody":
        typed = recovery_code.generate()
    with _code_of("code_wrong"):
        victims.restore(db, typed, "client")
    assert db.exec(select(func.count()).select_from(UserSession)).one() == 1


def test_restore_checks_the_hash_not_only_the_lookup(db) -> None:
    _, principal = _new(db)
    code = victims.new_recovery_code(db, principal)
    victim = db.get(Victim, principal.victim_id)
    victim.recovery_hash = hash_secret(recovery_code.generate())
    db.add(victim)
    with _code_of("code_wrong"):
        victims.restore(db, code, "client")


def test_restore_still_finds_codes_issued_before_a_key_rotation(db, rotate_keyring) -> None:
    _, principal = _new(db)
    victims.update_profile(db, principal, nickname="Sam", age_band="")
    code = victims.new_recovery_code(db, principal)
    rotate_keyring()
    restored = victims.resolve(db, victims.restore(db, code, "client"))
    assert restored.victim_id == principal.victim_id
    assert victims.profile(db, restored).nickname == "Sam"


def _restore(typed: str, client: str) -> str:
    """As the restore route calls it: one transaction, rolled back on refusal."""
    with session_scope() as db:
        return victims.restore(db, typed, client)


def test_wrong_codes_slow_that_address_down_and_a_right_one_works_after_the_wait(
        db, clock) -> None:
    _, principal = _new(db)
    code = victims.new_recovery_code(db, principal)
    db.commit()
    for _ in range(victims.RESTORE_PER_CLIENT.free):
        with _code_of("code_wrong"):
            _restore(recovery_code.generate(), "client-a")
    with _code_of("code_wrong") as refused:
        _restore(recovery_code.generate(), "client-a")
    assert refused.value.until is not None  # the wait now due, for the page to say
    with _code_of("too_many_attempts"):
        _restore(code, "client-a")
    assert victims.resolve(db, _restore(code, "client-b")).victim_id == principal.victim_id
    clock.advance(victims.RESTORE_PER_CLIENT.first)
    assert victims.resolve(db, _restore(code, "client-a")).victim_id == principal.victim_id


# ---- PIN --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pin", "code"),
    [("", "pin_format"), ("123", "pin_format"), ("1234567", "pin_format"),
     ("12a4", "pin_format"), ("12 34", "pin_format"),
     ("0000", "pin_too_simple"), ("777777", "pin_too_simple"), ("1234", "pin_too_simple"),
     ("3456", "pin_too_simple"), ("012345", "pin_too_simple"), ("9876", "pin_too_simple"),
     ("543210", "pin_too_simple")],
)
def test_a_bad_pin_is_refused(db, pin, code) -> None:
    _, principal = _new(db)
    with _code_of(code):
        victims.set_pin(db, principal, pin)
    assert db.get(Victim, principal.victim_id).pin_hash is None


def test_a_pin_is_stored_only_as_a_hash_and_can_be_removed(db) -> None:
    _, principal = _new(db)
    victims.set_pin(db, principal, f" {PIN} ")
    pin_hash = db.get(Victim, principal.victim_id).pin_hash
    assert pin_hash.startswith("$argon2id$") and PIN not in pin_hash
    assert victims.profile(db, principal).has_pin
    victims.remove_pin(db, principal)
    assert not victims.profile(db, principal).has_pin


def _locked_account(db) -> tuple[str, VictimPrincipal]:
    token, principal = _new(db)
    victims.update_profile(db, principal, nickname="Sam", age_band="")
    victims.set_pin(db, principal, PIN)
    victims.lock_now(db, principal)
    locked = victims.resolve(db, token)
    db.commit()
    assert locked.locked
    return token, locked


def _unlock(principal: VictimPrincipal, pin: str, client: str = "client") -> None:
    """As the lock screen calls it: one transaction, rolled back on refusal."""
    with session_scope() as db:
        victims.unlock(db, principal, pin, client)


def _wrong_pins(locked: VictimPrincipal, times: int, client: str = "client") -> None:
    for _ in range(times):
        with _code_of("pin_wrong"):
            _unlock(locked, OTHER_PIN, client)


def test_the_right_pin_unlocks_the_session_and_forgets_the_wrong_ones(db, clock) -> None:
    token, locked = _locked_account(db)
    _wrong_pins(locked, victims.PIN_PER_ACCOUNT.free)
    _unlock(locked, f" {PIN} ")
    unlocked = victims.resolve(db, token)
    assert not unlocked.locked
    assert victims.profile(db, unlocked).nickname == "Sam"
    victims.lock_now(db, unlocked)
    db.commit()
    _wrong_pins(locked, victims.PIN_PER_ACCOUNT.free)  # counted afresh: no wait yet


def test_each_wrong_pin_makes_the_next_try_wait_longer(db, clock) -> None:
    token, locked = _locked_account(db)
    pin_hash = _victim(db, locked.victim_id).pin_hash
    _wrong_pins(locked, victims.PIN_PER_ACCOUNT.free)
    first = victims.PIN_PER_ACCOUNT.first
    for wait in (first, 2 * first, 4 * first):
        with _code_of("pin_wrong") as refused:
            _unlock(locked, OTHER_PIN)
        assert wait - timedelta(seconds=2) < refused.value.until - utcnow() <= wait
        with _code_of("account_locked"):  # even the right PIN waits
            _unlock(locked, PIN, client="another-network")
        clock.advance(wait)
    assert _victim(db, locked.victim_id).pin_hash == pin_hash and victims.resolve(db, token).locked
    _unlock(locked, PIN)  # after the wait, the right PIN works
    assert not victims.resolve(db, token).locked


def test_the_pin_wait_is_capped(db, clock) -> None:
    _, locked = _locked_account(db)
    _wrong_pins(locked, victims.PIN_PER_ACCOUNT.free)
    for _ in range(20):
        with _code_of("pin_wrong") as refused:
            _unlock(locked, OTHER_PIN)
        clock.advance(victims.PIN_PER_ACCOUNT.cap)
    assert refused.value.until - utcnow() <= victims.PIN_PER_ACCOUNT.cap


def test_pin_guesses_are_also_slowed_per_client_across_accounts(db, clock) -> None:
    per_account = victims.PIN_PER_ACCOUNT.free
    accounts = [_locked_account(db)[1]
                for _ in range(victims.PIN_PER_CLIENT.free // per_account + 1)]
    for locked in accounts[:-1]:
        _wrong_pins(locked, per_account, client="guesser")
    with _code_of("pin_wrong"):
        _unlock(accounts[-1], OTHER_PIN, client="guesser")
    with _code_of("too_many_attempts"):
        _unlock(accounts[-1], PIN, client="guesser")
    _unlock(accounts[-1], PIN, client="owner")


def test_restore_lifts_the_pin_wait(db, clock) -> None:
    _, locked = _locked_account(db)
    with session_scope() as scope:
        code = victims.new_recovery_code(scope, dataclasses.replace(locked, locked=False))
    _wrong_pins(locked, victims.PIN_PER_ACCOUNT.free + 1)  # the next try would wait
    token = _restore(code, "client")
    assert not victims.resolve(db, token).locked
    _unlock(locked, PIN)  # the PIN works again at once on the locked device


# ---- erasure ----------------------------------------------------------------------------


def _fill(db, principal: VictimPrincipal, staff_id: int, platform_id: int) -> list[str]:
    """An account with a second session, a conversation, a quiz result, evidence in the
    safe (two messages with their blobs, a shared link, one the proof of a takedown) and a
    takedown request; returns the blob ids."""
    victim_id = principal.victim_id
    db.add(UserSession(token_hash=secrets.token_hex(32), victim_id=victim_id,
                       expires_at=utcnow() + timedelta(days=1)))
    conversation = Conversation(victim_id=victim_id)
    db.add(conversation)
    db.flush()
    db.add(Message(conversation_id=conversation.id, sender_kind="victim", body_enc=b"sealed"))
    db.add(QuizResult(victim_id=victim_id, version_id=quiz_version(db), score=3))
    first = vault.add_message(db, principal, vault.MessageForm(text="tu vas voir"))
    vault.add_message(db, principal, vault.MessageForm(text="demain"))
    link = vault.add_link(db, principal, vault.LinkForm(url="https://example.org/post/1"))
    vault.share(db, principal, [link.id], "takedown", conversation.id)
    request = TakedownRequest(platform_id=platform_id, victim_id=victim_id,
                              conversation_id=conversation.id, content_url_enc=b"sealed",
                              reason="harassment", created_by=staff_id)
    db.add(request)
    db.flush()
    db.add(TakedownEvent(takedown_id=request.id, kind="submitted", proof_item_id=first.id))
    db.flush()
    return list(db.exec(select(VaultBlob.id).where(VaultBlob.victim_id == victim_id)).all())


def _held_by(db, victim_id: str) -> dict[str, int]:
    def count(query) -> int:
        return db.exec(select(func.count()).select_from(query.subquery())).one()

    conversations = select(Conversation.id).where(Conversation.victim_id == victim_id)
    return {
        "victim": count(select(Victim.id).where(Victim.id == victim_id)),
        "sessions": count(select(UserSession.id).where(UserSession.victim_id == victim_id)),
        "conversations": count(conversations),
        "messages": count(select(Message.id).where(
            Message.conversation_id.in_(conversations))),
        "quiz results": count(select(QuizResult.id).where(QuizResult.victim_id == victim_id)),
        "evidence": count(select(VaultItem.id).where(VaultItem.victim_id == victim_id)),
        "shares": count(select(VaultShare.id).where(VaultShare.victim_id == victim_id)),
        "takedowns": count(select(TakedownRequest.id).where(
            TakedownRequest.victim_id == victim_id)),
    }


def test_erase_removes_the_account_and_everything_in_it(db) -> None:
    staff = create_staff(db, email="t@abri.example", display_name="T", password=None,
                         roles=["takedown_officer"])
    platform = Platform(slug="exemple", name="Exemple")
    db.add(platform)
    token, principal = _new(db)
    _, other = _new(db)
    db.flush()
    blob_ids = _fill(db, principal, staff.id, platform.id)
    other_blob_ids = _fill(db, other, staff.id, platform.id)
    db.commit()
    full = {"victim": 1, "sessions": 2, "conversations": 1, "messages": 1, "quiz results": 1,
            "evidence": 3, "shares": 1, "takedowns": 1}
    assert _held_by(db, principal.victim_id) == full

    victims.erase(db, principal)
    db.commit()
    db.expire_all()

    assert set(_held_by(db, principal.victim_id).values()) == {0}
    assert len(blob_ids) == 2
    assert db.exec(select(VaultBlob.id).where(VaultBlob.id.in_(blob_ids))).all() == []
    blob_dir = Path(get_settings().blob_dir) / "vault"
    assert not any((blob_dir / blob_id).exists() for blob_id in blob_ids)
    assert db.exec(select(TakedownEvent)).all()[0].proof_item_id is None
    orphan = db.exec(select(TakedownRequest).where(
        TakedownRequest.victim_id.is_(None))).one()
    assert orphan.conversation_id is None and orphan.content_url_enc == b"sealed"
    assert victims.resolve(db, token) is None

    assert _held_by(db, other.victim_id) == full
    assert len(db.exec(select(VaultBlob.id).where(VaultBlob.id.in_(other_blob_ids))).all()) == 2
    assert all((blob_dir / blob_id).exists() for blob_id in other_blob_ids)
