"""Is a consumer running? ``outcome(enqueue(ping))`` turns "done" within a second or two
when one is (a health check, and the tests of scripts/serve.sh)."""

from __future__ import annotations

from helpline.jobs.queue import huey


@huey.task()
def ping() -> str:
    return "pong"
