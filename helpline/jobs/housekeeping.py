"""Work the server does on its own, on a timer, for as long as it runs."""

from __future__ import annotations

import asyncio
import logging

from helpline.db import session_scope
from helpline.identity.retention import purge_unreachable_accounts
from helpline.vault import sweep_orphans

PURGE_EVERY_SECONDS = 3600
log = logging.getLogger("abri.housekeeping")


def _purge_once() -> int:
    with session_scope() as db:
        return purge_unreachable_accounts(db)


def _sweep_once() -> int:
    with session_scope() as db:
        return sweep_orphans(db)


async def purge_accounts_hourly() -> None:
    """Empty accounts nobody can come back to (ADR 0005), and the safe's orphans (a
    temporary file or a blob without its row, left by a crash mid-upload), at start-up and
    every hour, off the event loop. Several workers may do it at once: deleting what is
    already gone is harmless."""
    while True:
        for job, what in ((_purge_once, "unreachable empty accounts"),
                          (_sweep_once, "orphaned vault files")):
            try:
                removed = await asyncio.to_thread(job)
                if removed:
                    log.info("removed %d %s", removed, what)
            except Exception:  # the database may be briefly busy or away: next hour
                log.warning("housekeeping (%s) failed", what, exc_info=True)
        await asyncio.sleep(PURGE_EVERY_SECONDS)
