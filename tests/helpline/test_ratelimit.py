from datetime import timedelta

from helpline.models import RateLimit
from helpline.models._common import utcnow
from helpline.ratelimit import allow, clear, client_key

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


def test_client_keys_are_stable_and_do_not_hold_the_address() -> None:
    assert client_key("203.0.113.7") == client_key("203.0.113.7")
    assert client_key("203.0.113.7") != client_key("203.0.113.8")
    assert "203.0.113" not in client_key("203.0.113.7") and len(client_key("x")) == 24
    assert client_key(None) == client_key("unknown")
