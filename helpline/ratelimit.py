"""Fixed-window attempt counters in the database, shared by every worker.

Keys never hold a raw IP address or secret: callers pass a hashed client key.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlmodel import Session as DbSession

from helpline.models import RateLimit
from helpline.models._common import aware, utcnow


def client_key(address: str | None) -> str:
    """A stable, non-reversible key for a client address."""
    return hashlib.sha256((address or "unknown").encode()).hexdigest()[:24]


def allow(db: DbSession, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt under ``key``; False once ``limit`` attempts were made in the window."""
    now = utcnow()
    row = db.get(RateLimit, key)
    if row is None or aware(row.window_start) + window <= now:
        row = row or RateLimit(key=key, window_start=now, count=0)
        row.window_start, row.count = now, 0
    row.count += 1
    db.add(row)
    db.flush()
    return row.count <= limit


def clear(db: DbSession, key: str) -> None:
    row = db.get(RateLimit, key)
    if row is not None:
        db.delete(row)


def exhausted(db: DbSession, key: str, *, limit: int, window: timedelta) -> bool:
    """Whether ``limit`` failures were already counted in the window (counts nothing)."""
    row = db.get(RateLimit, key)
    return row is not None and aware(row.window_start) + window > utcnow() and row.count >= limit


def count_failure(db: DbSession, key: str, *, window: timedelta) -> None:
    """Count one failed attempt under ``key``."""
    allow(db, key, limit=0, window=window)
