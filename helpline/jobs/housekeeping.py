"""Work the server does on its own, on a timer, for as long as it runs."""

from __future__ import annotations

import asyncio
import logging

from helpline.db import session_scope
from helpline.identity.retention import purge_unreachable_accounts

PURGE_EVERY_SECONDS = 3600
log = logging.getLogger("abri.housekeeping")


def _purge_once() -> int:
    with session_scope() as db:
        return purge_unreachable_accounts(db)


async def purge_accounts_hourly() -> None:
    """Empty accounts nobody can come back to (ADR 0005), every hour, off the event loop.
    Several workers may do it at once: deleting what is already gone is harmless."""
    while True:
        try:
            removed = await asyncio.to_thread(_purge_once)
            if removed:
                log.info("removed %d unreachable empty accounts", removed)
        except Exception:  # the database may be briefly busy or away: next hour
            log.warning("account purge failed", exc_info=True)
        await asyncio.sleep(PURGE_EVERY_SECONDS)
