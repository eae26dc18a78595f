"""Attempt counters in the database, shared by every worker.

Two kinds, one table:
- ``allow``: a fixed-window count (how many accounts one address may create an hour).
- ``Throttle``: progressive delay for guesses at a secret (password, TOTP code, PIN,
  recovery code). Each failure under a key makes the next try wait longer, doubling up
  to a cap; nothing is ever locked for good, and a right answer after the wait works.
  Callers combine keys (per account, per address …) so a flood from one side slows that
  side without shutting the other out.

Keys never hold a raw address or identifier: each is an HMAC under a key derived from
the keyring for its purpose (a leaked table cannot be brute-forced back to addresses
over the IPv4 space). A key rotation starts every counter afresh, which is harmless.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session as DbSession
from sqlmodel import col, delete, func

from helpline import crypto
from helpline.i18n import Locale, t
from helpline.models import RateLimit
from helpline.models._common import aware, utcnow

NO_WAIT = timedelta(0)


def _keyed(purpose: str, value: str, length: int) -> str:
    return hmac.new(crypto.derive(f"limiter/{purpose}"), value.encode(),
                    hashlib.sha256).hexdigest()[:length]


def client_key(address: str | None) -> str:
    """A stable, non-reversible key for a client address (keyed, not a bare hash)."""
    return _keyed("client-address", address or "unknown", 24)


def limiter_key(purpose: str, identifier: str) -> str:
    """The row key for ``identifier`` (a client key, an account id, an email …) counted
    for ``purpose``: one HMAC key per purpose, so rows of two purposes do not link."""
    return f"{purpose}:{_keyed(purpose, identifier, 40)}"


def allow(db: DbSession, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt under ``key``; False once ``limit`` attempts were made in the window."""
    now = utcnow()
    row = db.get(RateLimit, key)
    if row is None or aware(row.window_start) + window <= now:
        row = row or RateLimit(key=key, window_start=now, count=0)
        row.window_start, row.count, row.not_before = now, 0, None
    row.count += 1
    db.add(row)
    db.flush()
    return row.count <= limit


def clear(db: DbSession, key: str) -> None:
    row = db.get(RateLimit, key)
    if row is not None:
        db.delete(row)
        db.flush()


def prune(db: DbSession, older_than: timedelta) -> int:
    """Delete the rows nothing has touched for ``older_than`` (no attempt counted, no
    wait due, within it); returns how many. Harmless when ``older_than`` is longer than
    every window and every throttle's ``forget``: such a row counts for nothing any more."""
    cutoff = utcnow() - older_than
    last = func.coalesce(col(RateLimit.not_before), col(RateLimit.window_start))
    stale = delete(RateLimit).where(col(RateLimit.window_start) < cutoff, last < cutoff)
    return db.exec(stale).rowcount  # type: ignore[call-overload]


@dataclass(frozen=True)
class Throttle:
    """``free`` failures cost nothing; the next waits ``first``, then twice as long each
    time, never more than ``cap``. Failures are forgotten after ``forget`` of quiet."""

    purpose: str
    free: int
    first: timedelta
    cap: timedelta
    forget: timedelta = timedelta(days=1)

    def key(self, identifier: str) -> str:
        return limiter_key(self.purpose, identifier)

    def delay(self, failures: int) -> timedelta:
        if failures <= self.free:
            return NO_WAIT
        doublings = min(failures - self.free - 1, 32)  # bounded: 2**32 seconds is past any cap
        return min(self.first * 2 ** doublings, self.cap)


def _live(db: DbSession, key: str, throttle: Throttle) -> RateLimit | None:
    row = db.get(RateLimit, key)
    if row is not None and row.not_before is not None \
            and aware(row.not_before) + throttle.forget <= utcnow():
        db.delete(row)  # quiet for long enough: forgotten
        db.flush()
        return None
    return row


def wait(db: DbSession, *guards: tuple[Throttle, str]) -> timedelta:
    """How long before a try is accepted under every (throttle, identifier); zero if now.
    A try refused for waiting is not a failure: it extends nothing."""
    now, longest = utcnow(), NO_WAIT
    for throttle, identifier in guards:
        row = _live(db, throttle.key(identifier), throttle)
        if row is not None and row.not_before is not None:
            longest = max(longest, aware(row.not_before) - now)
    return longest


def fail(db: DbSession, *guards: tuple[Throttle, str]) -> timedelta:
    """Count one failure under each guard; returns the wait now due before the next try."""
    now, longest = utcnow(), NO_WAIT
    for throttle, identifier in guards:
        key = throttle.key(identifier)
        row = _live(db, key, throttle) or RateLimit(key=key, window_start=now, count=0)
        row.count += 1
        row.not_before = now + throttle.delay(row.count)
        db.add(row)
        longest = max(longest, row.not_before - now)
    db.flush()
    return longest


def succeed(db: DbSession, *guards: tuple[Throttle, str]) -> None:
    """A right answer forgets the failures under these guards (only those that name the
    account: an address's count stays, or one's own success would buy guesses at others)."""
    for throttle, identifier in guards:
        clear(db, throttle.key(identifier))


def in_words(locale: Locale, delay: timedelta) -> str:
    """The wait as a person says it, rounded up: "4 secondes", "2 minutes", "1 heure"."""
    seconds = max(1, math.ceil(delay.total_seconds()))
    minutes = math.ceil(seconds / 60)
    unit, count = (("second", seconds) if seconds < 60 else ("minute", minutes)
                   if minutes < 60 else ("hour", math.ceil(seconds / 3600)))
    return t(locale, f"wait.{unit}.{'one' if count == 1 else 'other'}", n=str(count))
