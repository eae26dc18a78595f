"""Work done outside the request, on the one job queue (ADR 0010): tasks by capability
in this package's modules, periodic ones included (``housekeeping``).

A task is a ``huey.task`` of ``helpline.jobs.queue.huey``; callers use only these::

    job = enqueue(some_task, item_id)      # the job's id, to keep
    outcome(job)                           # Outcome("pending" | "done" | "failed", code)

A job that fails is tried again ``retries`` times, each wait ``retry_backoff`` times the
last (``BACKOFF``: 10 s, 20 s, 40 s …); after the last, ``outcome`` says failed with its
code (a ``Refused``'s code, or ``timeout``, ``error`` …), and whoever registered
``huey.on_failure(task)`` is called in the consumer, to record it or publish an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from huey.api import TaskWrapper
from huey.constants import EmptyData
from huey.utils import Error

from helpline.jobs.queue import huey

# A task's usual retry policy: huey.task(**BACKOFF). Five tries over about two minutes.
BACKOFF: dict[str, int] = {"retries": 4, "retry_delay": 10, "retry_backoff": 2}


@dataclass(frozen=True)
class Outcome:
    state: Literal["pending", "done", "failed"]
    code: str = ""  # why it failed
    value: Any = None  # what it returned, when done


def enqueue(task: TaskWrapper, *args: Any, **kwargs: Any) -> str:
    """Queue one run of ``task`` (after the caller's commit, if it reads what was written);
    returns the job's id."""
    return task(*args, **kwargs).id


def outcome(job_id: str) -> Outcome:
    """Where the job stands: pending (queued, waiting to retry, running, or an id never
    queued), done, or failed for good. Reading does not consume it."""
    raw = huey.get_raw(job_id, peek=True)
    if raw is EmptyData:
        return Outcome("pending")
    value = huey.serializer.deserialize(raw)
    if isinstance(value, Error):
        return Outcome("failed", code=value.metadata.get("code", "error"))
    return Outcome("done", value=value)


def forget(job_id: str) -> None:
    """Drop a finished job's outcome once whoever waited has read it."""
    huey.delete(job_id)


# Every module with tasks, so the consumer (which imports this package) knows them all.
from helpline.jobs import capture, health, housekeeping, news  # noqa: E402, F401

__all__ = ["BACKOFF", "Outcome", "enqueue", "forget", "huey", "outcome"]
