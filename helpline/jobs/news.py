"""Importing partners' feeds (helpline.news.feeds), on the job queue: each feed every
half hour, and one at once when a staff member asks. A run twice is harmless: entries
already kept are skipped, and the second asks with the first's ETag."""

from __future__ import annotations

import logging

from huey import crontab

from helpline.db import session_scope
from helpline.jobs import BACKOFF, enqueue
from helpline.jobs.queue import huey
from helpline.news import NewsError, feeds

log = logging.getLogger("abri.news")


@huey.task(**BACKOFF)
def import_feed(feed_id: int) -> dict:
    """One feed; a refusal of the client (an internal address, too big) is kept on the
    feed for « Contenus » to say, not retried: asking again would be refused again."""
    try:
        with session_scope() as db:
            result = feeds.import_feed(db, feed_id)
    except NewsError as gone:  # removed since it was queued: nothing to try again
        return {"status": 0, "added": 0, "code": gone.code}
    return {"status": result.status, "added": result.added, "code": result.code}


@huey.periodic_task(crontab(minute="*/30"), retries=1, retry_delay=60)
def import_feeds() -> int:
    with session_scope() as db:
        ids = feeds.feed_ids(db)
    for feed_id in ids:
        enqueue(import_feed, feed_id)
    return len(ids)


def queue_import(feed_id: int) -> str:
    """Import one feed now (after the caller's commit); the job's id."""
    return enqueue(import_feed, feed_id)
