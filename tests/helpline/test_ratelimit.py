import hashlib
from datetime import timedelta

import pytest
from sqlmodel import select

from helpline.models import RateLimit
from helpline.models._common import utcnow
from helpline.ratelimit import (
    NO_WAIT,
    Throttle,
    allow,
    clear,
    client_key,
    fail,
    in_words,
    limiter_key,
    prune,
    succeed,
    wait,
)

WINDOW = timedelta(minutes=15)


def _tries(db, key: str, times: int) -> list[bool]:
    return [allow(db, key, limit=3, window=WINDOW) for _ in range(times)]


def test_allow_counts_attempts_per_key_within_the_window(db) -> None:
    assert _tries(db, "login:a", 5) == [True, True, True, False, False]
    assert _tries(db, "login:b", 1) == [True]
    assert db.get(RateLimit, "login:a").count == 5


def test_the_count_starts_again_after_the_window(db) -> None:
    _tries(db, "login:a", 4)
    row = db.get(RateLimit, "login:a")
    row.window_start = utcnow() - WINDOW + timedelta(seconds=5)
    db.add(row)
    assert _tries(db, "login:a", 1) == [False]  # still inside the window

    row.window_start = utcnow() - WINDOW
    db.add(row)
    assert _tries(db, "login:a", 4) == [True, True, True, False]


def test_clear_forgets_a_key(db) -> None:
    _tries(db, "pin:a", 4)
    clear(db, "pin:a")
    clear(db, "never-seen")
    assert db.get(RateLimit, "pin:a") is None
    assert _tries(db, "pin:a", 1) == [True]


def test_client_keys_are_stable_and_do_not_hold_the_address(data_dir) -> None:
    assert client_key("203.0.113.7") == client_key("203.0.113.7")
    assert client_key("203.0.113.7") != client_key("203.0.113.8")
    assert "203.0.113" not in client_key("203.0.113.7") and len(client_key("x")) == 24
    assert client_key(None) == client_key("unknown")


def test_client_keys_are_keyed_not_bare_hashes(data_dir, rotate_keyring) -> None:
    """The finding: an unsalted SHA-256 of an IPv4 address is undone by trying all 2**32."""
    address = "203.0.113.7"
    before = client_key(address)
    assert before != hashlib.sha256(address.encode()).hexdigest()[:24]
    assert limiter_key("staff-login-client", before) != limiter_key("victim-pin-client", before)
    rotate_keyring()  # another key, other keys: without the keyring nothing links back
    assert client_key(address) != before


THROTTLE = Throttle("test", free=2, first=timedelta(seconds=2), cap=timedelta(seconds=30),
                    forget=timedelta(hours=1))


def test_the_delay_is_free_then_doubles_up_to_the_cap() -> None:
    assert [THROTTLE.delay(n).total_seconds() for n in range(1, 9)] == [
        0, 0, 2, 4, 8, 16, 30, 30]
    assert THROTTLE.delay(10_000) == THROTTLE.cap


def test_failures_make_a_key_wait_until_forgotten_or_a_success(db, clock) -> None:
    guard = (THROTTLE, "someone")
    assert [fail(db, guard) for _ in range(3)] == [NO_WAIT, NO_WAIT, timedelta(seconds=2)]
    assert wait(db, guard) == timedelta(seconds=2)
    assert wait(db, (THROTTLE, "someone else")) == NO_WAIT
    clock.advance(timedelta(seconds=2))
    assert wait(db, guard) == NO_WAIT
    assert fail(db, guard) == timedelta(seconds=4)
    clock.advance(THROTTLE.forget + timedelta(seconds=4))
    assert wait(db, guard) == NO_WAIT and fail(db, guard) == NO_WAIT  # counted afresh
    fail(db, guard), fail(db, guard)
    succeed(db, guard)
    assert wait(db, guard) == NO_WAIT and fail(db, guard) == NO_WAIT


def test_the_row_holds_only_keyed_digests(db) -> None:
    fail(db, (THROTTLE, "camille@abri.example"))
    (row,) = db.query(RateLimit).all()
    assert row.key.startswith("test:") and "camille" not in row.key


@pytest.mark.parametrize(("seconds", "fr", "en"), [
    (0.2, "1 seconde", "1 second"), (4, "4 secondes", "4 seconds"),
    (61, "2 minutes", "2 minutes"), (60, "1 minute", "1 minute"),
    (3599, "1 heure", "1 hour"), (4 * 3600, "4 heures", "4 hours"),
])
def test_a_wait_is_said_in_words(data_dir, seconds, fr, en) -> None:
    assert in_words("fr", timedelta(seconds=seconds)) == fr
    assert in_words("en", timedelta(seconds=seconds)) == en


def test_prune_removes_only_rows_long_untouched(db) -> None:
    old, now = utcnow() - timedelta(days=10), utcnow()
    db.add(RateLimit(key="allow:old", window_start=old, count=3))
    db.add(RateLimit(key="allow:new", window_start=now, count=1))
    # Failures that began long ago, but whose wait was set yesterday: kept.
    db.add(RateLimit(key="pin:waiting", window_start=old, count=9,
                     not_before=now - timedelta(days=1)))
    db.add(RateLimit(key="pin:quiet", window_start=old, count=9,
                     not_before=old + timedelta(hours=4)))
    db.flush()
    assert prune(db, timedelta(days=8)) == 2
    db.expire_all()
    assert {row.key for row in db.exec(select(RateLimit))} == {"allow:new", "pin:waiting"}
