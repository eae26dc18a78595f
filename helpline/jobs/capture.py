"""Capturing a link (helpline.vault.capture), on the job queue.

The capture's state is in the database (``vault_capture``), not in the job: a job lost
with a consumer killed mid-run is found again when a consumer starts (``resumable``),
and a job run twice (a retry, a resumed one) captures once, as the claim decides.
Unexpected errors are retried with the usual backoff; once the retries are spent the
capture is failed (``error``). Pages hear of the change through VaultChanged when Redis
carries events; without it they poll.
"""

from __future__ import annotations

import logging

from huey import crontab

from helpline.config import get_settings
from helpline.db import session_scope
from helpline.jobs import BACKOFF, enqueue
from helpline.jobs.queue import huey
from helpline.vault import capture

log = logging.getLogger("abri.capture")


def _announce(item_id: str) -> None:
    if not get_settings().redis_url:
        return  # no Redis: the consumer's events reach no page (they poll)
    from helpline import events
    from helpline.models import VaultItem
    from uikit import live

    with session_scope() as db:
        item = db.get(VaultItem, item_id)
        victim_id = item.victim_id if item is not None else None
    if victim_id:
        live.publish(events.VaultChanged(victim_id))


@huey.task(**BACKOFF)
def capture_link(item_id: str) -> str:
    state = capture.run_capture(item_id)
    try:
        _announce(item_id)
    except Exception:
        log.warning("capture: could not announce the change", exc_info=True)
    return state


@huey.on_failure(capture_link)
def _failed_for_good(_job_id: str, code: str, item_id: str, *_args) -> None:
    capture.mark_failed(item_id, "error" if code not in capture.CODES else code)
    _announce(item_id)


def queue_capture(item_id: str) -> str:
    """Enqueue the capture of a link marked pending (after that commit); the job's id."""
    job = enqueue(capture_link, item_id)
    if not get_settings().jobs_immediate:
        capture.note_job(item_id, job)
    return job


def _requeue_lost() -> int:
    with session_scope() as db:
        lost = capture.resumable(db)
    for item_id in lost:
        enqueue(capture_link, item_id)
    if lost:
        log.info("capture: %d lost captures queued again", len(lost))
    return len(lost)


@huey.periodic_task(crontab(minute="*/5"), retries=1, retry_delay=60)
def resume_captures() -> int:
    """Captures whose job was lost (its consumer killed mid-run, or the queue away when
    it was asked for), every five minutes: each run claims, so none is done twice."""
    return _requeue_lost()


@huey.on_startup()
def _resume_lost_captures() -> None:
    try:
        _requeue_lost()
    except Exception:  # the database may be briefly away: the periodic run tries again
        log.warning("capture: could not look for lost captures", exc_info=True)
