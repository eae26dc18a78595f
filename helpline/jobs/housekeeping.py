"""Work the server does on its own, on a timer: periodic tasks of the job queue, run by
its consumer (ADR 0010). Each is its own unit of work, and harmless to run twice (two
consumers, or a retry after a half-done run): deleting what is already gone does nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from huey import crontab

from helpline import ratelimit
from helpline.chat.quick_exit import close_abandoned
from helpline.db import session_scope
from helpline.identity.retention import purge_unreachable_accounts
from helpline.jobs.queue import huey
from helpline.vault import sweep_orphans

# Longer than every rate-limit window (an hour) and throttle's forget (a week for a PIN).
RATE_LIMIT_ROWS_KEPT = timedelta(days=8)
log = logging.getLogger("abri.housekeeping")


@huey.periodic_task(crontab(minute="7"), retries=2, retry_delay=60)
def purge_accounts() -> int:
    """Empty accounts nobody can come back to (ADR 0005), every hour. A database briefly
    busy or away is tried again a minute later, then at the next hour."""
    with session_scope() as db:
        removed = purge_unreachable_accounts(db)
    if removed:
        log.info("removed %d unreachable empty accounts", removed)
    return removed


@huey.periodic_task(crontab(minute="17"), retries=2, retry_delay=60)
def sweep_vault() -> int:
    """The safe's orphans: a temporary file or a blob without its row, left by a crash
    mid-upload. Every hour, and when a consumer starts (below)."""
    with session_scope() as db:
        removed = sweep_orphans(db)
    if removed:
        log.info("removed %d orphaned vault files", removed)
    return removed


@huey.on_startup()
def _sweep_vault_at_start() -> None:
    try:
        sweep_vault.call_local()
    except Exception:  # the database may be briefly away: the hourly run tries again
        log.warning("vault sweep at start-up failed", exc_info=True)


@huey.periodic_task(crontab(minute="*/5"), retries=2, retry_delay=60)
def close_left_conversations() -> int:
    """Conversations left by a quick exit and not resumed in time: closed as "left",
    every five minutes."""
    with session_scope() as db:
        closed = close_abandoned(db)
    return len(closed)


@huey.periodic_task(crontab(minute="37", hour="3"), retries=2, retry_delay=60)
def prune_rate_limits() -> int:
    """Counters long past their window, once a day (03:37 UTC: huey keeps time in UTC)."""
    with session_scope() as db:
        removed = ratelimit.prune(db, RATE_LIMIT_ROWS_KEPT)
    if removed:
        log.info("pruned %d old rate-limit rows", removed)
    return removed
