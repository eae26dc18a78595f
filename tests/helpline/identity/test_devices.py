"""The devices signed in to a victim's account: listed coarsely, ended by their owner
only, and told when the recovery code brings in a new one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from helpline.config import get_settings
from helpline.identity import victims
from helpline.identity.sessions import describe_device
from helpline.identity.victims import VictimError, VictimPrincipal
from helpline.models import UserSession
from helpline.models._common import utcnow
from tests.factories import CHROME_DESKTOP, FIREFOX_PHONE, SAFARI_IPHONE
from tests.factories import victim_refused as _code_of

CHROME_IPAD = ("Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
               "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1")
SAMSUNG_PHONE = ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like "
                 "Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36")
EDGE_DESKTOP = CHROME_DESKTOP + " Edg/131.0.2903.86"


def _account_with_code(db, user_agent: str = SAFARI_IPHONE) -> tuple[VictimPrincipal, str]:
    principal = victims.resolve(db, victims.start(db, user_agent))
    code = victims.new_recovery_code(db, principal)
    victims.confirm_recovery_code(db, principal, code)
    return principal, code


def _restored(db, code: str, user_agent: str = FIREFOX_PHONE) -> tuple[str, VictimPrincipal]:
    token = victims.restore(db, code, "client", user_agent)
    return token, victims.resolve(db, token)


@pytest.mark.parametrize(("user_agent", "described"), [
    (FIREFOX_PHONE, "firefox/phone"), (SAFARI_IPHONE, "safari/phone"),
    (CHROME_DESKTOP, "chrome/computer"), (CHROME_IPAD, "chrome/tablet"),
    (SAMSUNG_PHONE, "samsung/phone"), (EDGE_DESKTOP, "edge/computer"),
    (None, "other/other"), ("", "other/other"), ("curl/8.5.0", "other/other"),
    ("Firefox/1 <script>" + "x" * 100_000, "other/other"),
])
def test_a_device_is_described_by_browser_family_and_kind_only(user_agent, described) -> None:
    assert describe_device(user_agent) == described


def test_the_device_is_sealed_so_the_database_alone_does_not_show_it(db) -> None:
    principal = victims.resolve(db, victims.start(db, FIREFOX_PHONE))
    db.commit()
    (stored,) = db.connection().execute(
        text("SELECT device_enc FROM user_session WHERE id = :id"),
        {"id": principal.session_id}).one()
    assert b"firefox" not in stored and b"phone" not in stored
    # Sealed to its row: copied onto another session it no longer opens.
    other = victims.resolve(db, victims.start(db, CHROME_DESKTOP))
    row = db.get(UserSession, other.session_id)
    row.device_enc = stored
    db.add(row)
    assert [(d.browser, d.kind) for d in victims.devices(db, other)] == [("other", "other")]


def test_devices_lists_this_one_first_then_the_others_with_day_only(db) -> None:
    phone, code = _account_with_code(db)
    _, laptop = _restored(db, code, CHROME_DESKTOP)
    row = db.get(UserSession, phone.session_id)
    row.last_seen_at = utcnow() - timedelta(days=3)
    db.add(row)
    db.flush()

    seen_from_laptop = victims.devices(db, laptop)
    assert [(d.current, d.browser, d.kind, d.days_ago) for d in seen_from_laptop] == [
        (True, "chrome", "computer", 0), (False, "safari", "phone", 3)]
    assert [d.id for d in victims.devices(db, phone)] == [phone.session_id, laptop.session_id]
    assert set(seen_from_laptop[0].model_dump()) == {
        "id", "current", "browser", "kind", "last_active", "days_ago"}


def test_ended_revoked_expired_and_idle_sessions_are_not_listed(db) -> None:
    phone, code = _account_with_code(db)
    _, tablet = _restored(db, code, CHROME_IPAD)
    _, old = _restored(db, code)
    _, ended = _restored(db, code)
    row = db.get(UserSession, old.session_id)
    row.last_seen_at = utcnow() - timedelta(days=get_settings().victim_session_idle_days + 1)
    db.add(row)
    victims.end_device(db, phone, ended.session_id)
    assert [d.id for d in victims.devices(db, phone)] == [phone.session_id, tablet.session_id]


def test_ending_a_device_means_its_next_visit_finds_no_session(db) -> None:
    phone, code = _account_with_code(db)
    token, other = _restored(db, code)
    victims.end_device(db, phone, other.session_id)
    assert victims.resolve(db, token) is None
    with _code_of("device_unknown"):
        victims.end_device(db, phone, other.session_id)  # already ended


def test_ending_all_other_devices_keeps_this_one(db) -> None:
    phone, code = _account_with_code(db)
    tokens = [_restored(db, code)[0] for _ in range(3)]
    assert victims.end_other_devices(db, phone) == 3
    assert all(victims.resolve(db, t) is None for t in tokens)
    assert victims.resolve(db, victims.restore(db, code, "client")) is not None  # code works
    assert [d.current for d in victims.devices(db, phone)] == [True, False]


def test_no_one_can_list_or_end_another_accounts_devices(db) -> None:
    alice, code = _account_with_code(db)
    alice_laptop_token, alice_laptop = _restored(db, code)
    bob = victims.resolve(db, victims.start(db, CHROME_DESKTOP))
    assert [d.id for d in victims.devices(db, bob)] == [bob.session_id]
    for device in (alice.session_id, alice_laptop.session_id):
        with _code_of("device_unknown"):
            victims.end_device(db, bob, device)
    assert victims.end_other_devices(db, bob) == 0
    # A principal made up with Alice's account id still needs its own session row.
    forged = VictimPrincipal(victim_id=alice.victim_id, session_id=bob.session_id, locked=False)
    with pytest.raises(VictimError):
        victims.take_device_notice(db, forged)
    assert victims.resolve(db, alice_laptop_token) is not None


def test_this_device_is_not_ended_from_the_list(db) -> None:
    phone, _ = _account_with_code(db)
    with _code_of("device_unknown"):
        victims.end_device(db, phone, phone.session_id)


def test_a_locked_device_cannot_list_or_end_devices(db) -> None:
    phone, code = _account_with_code(db)
    _, other = _restored(db, code)
    locked = VictimPrincipal(phone.victim_id, phone.session_id, locked=True)
    for call in (lambda: victims.devices(db, locked),
                 lambda: victims.end_device(db, locked, other.session_id),
                 lambda: victims.end_other_devices(db, locked)):
        with _code_of("locked"):
            call()


def test_a_restore_tells_the_other_devices_once(db) -> None:
    phone, code = _account_with_code(db)
    assert victims.take_device_notice(db, phone) is False
    _, laptop = _restored(db, code)
    assert victims.take_device_notice(db, laptop) is False  # the new device itself is not told
    assert victims.take_device_notice(db, phone) is True
    assert victims.take_device_notice(db, phone) is False  # shown once
    _restored(db, code)
    assert victims.take_device_notice(db, phone) is True
    assert victims.take_device_notice(db, laptop) is True


def test_a_wrong_code_tells_no_one(db) -> None:
    phone, _ = _account_with_code(db)
    with pytest.raises(VictimError):
        victims.restore(db, "lapin-orage-crayon-tulipe-0000", "client")
    assert victims.take_device_notice(db, phone) is False


def test_a_new_code_can_sign_out_every_other_device(db) -> None:
    phone, code = _account_with_code(db)
    kept_token, _ = _restored(db, code)
    victims.new_recovery_code(db, phone)
    assert victims.resolve(db, kept_token) is not None  # only when asked
    new_code = victims.new_recovery_code(db, phone, sign_out_others=True)
    assert victims.resolve(db, kept_token) is None
    assert [d.current for d in victims.devices(db, phone)] == [True]
    with pytest.raises(VictimError):
        victims.restore(db, code, "client")  # and the old code is gone
    assert victims.resolve(db, victims.restore(db, new_code, "client")) is not None


def test_a_first_page_load_records_the_device_it_came_from(db) -> None:
    from tests.victim_app.test_session_start import DOCUMENT, _client

    response = _client().get("/infos", headers={**DOCUMENT, "user-agent": FIREFOX_PHONE})
    principal = victims.resolve(db, response.cookies["abri_victim"])
    assert [(d.browser, d.kind) for d in victims.devices(db, principal)] == [("firefox", "phone")]
