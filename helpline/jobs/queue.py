"""Abri's one job queue (ADR 0010): huey, on a SQLite file under the data folder by
default and on Redis when ``ABRI_REDIS_URL`` is set, the same tasks either way.

The consumer (``scripts/jobs_consumer.py``, started by ``scripts/serve.sh``) runs what
the app enqueues and the periodic tasks. The queue's storage follows the settings: it is
made on first use (importing this module creates no file) and made again once the
settings were read afresh (tests point them at a new data folder). With
``ABRI_JOBS_IMMEDIATE`` every job runs inside ``enqueue``, on an in-memory store: unit
tests.

What a task is given is stored as it is (pickled) until it runs: ids, never a secret,
a decrypted text or a victim's words. What a failed job keeps is its refusal code, not
its exception's message (which can quote input).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from huey import Huey
from huey.exceptions import (
    CancelExecution,
    RateLimitExceeded,
    TaskLockedException,
    TaskTimeout,
)
from huey.storage import BaseStorage, MemoryStorage, RedisStorage, SqliteStorage

from helpline.config import Settings, get_settings, private_dir, private_file, tighten
from helpline.errors import Refused

NAME = "abri"  # Redis keys are huey.redis.abri, huey.results.abri …: none of Reflex's or ours
log = logging.getLogger("abri.jobs")


def jobs_files(settings: Settings) -> list[Path]:
    """The embedded queue's SQLite file and its -wal and -shm companions."""
    database = settings.data_dir / "jobs.db"
    return [database, database.with_name("jobs.db-wal"), database.with_name("jobs.db-shm")]


def make_storage(settings: Settings, name: str = NAME) -> BaseStorage:
    if settings.jobs_immediate:
        return MemoryStorage(name)
    if settings.redis_url:
        return RedisStorage(name, url=settings.redis_url)
    files = jobs_files(settings)
    private_dir(settings.data_dir)
    private_file(files[0])  # before SQLite makes it with 0644; -wal and -shm follow its mode
    tighten(*files)
    return SqliteStorage(name, filename=str(files[0]), timeout=30)


def failure_code(exc: BaseException) -> str:
    """What a failed job reports: a refusal's code, or the kind of failure (never its text)."""
    if isinstance(exc, Refused):
        return exc.code
    for kind, code in ((TaskTimeout, "timeout"), (RateLimitExceeded, "rate-limited"),
                       (TaskLockedException, "locked"), (CancelExecution, "cancelled")):
        if isinstance(exc, kind):
            return code
    return "error"


FailureHandler = Callable[..., None]


class Queue(Huey):
    """A Huey whose storage and immediate mode follow ``get_settings()``."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._store: BaseStorage | None = None
        self._on_failure: dict[type, list[FailureHandler]] = {}
        # Results are kept for jobs that return None too: "done" is then readable. A
        # failure is stored only once the retries are spent: until then, still pending.
        super().__init__(NAME, results=True, store_none=True, utc=True,
                         store_intermediate_errors=False)
        self.post_execute()(self._report_failure)

    def _current(self) -> Settings:
        settings = get_settings()
        if settings is not self._settings:
            self._settings, self._store = settings, None
        return settings

    def create_storage(self) -> None:  # type: ignore[override]
        return None  # made at first use, from the settings of that moment

    @property  # type: ignore[override]
    def storage(self) -> BaseStorage:
        settings = self._current()
        if self._store is None:
            self._store = make_storage(settings, self.name)
        return self._store

    @storage.setter
    def storage(self, value: BaseStorage | None) -> None:
        self._store = value

    @property  # type: ignore[override]
    def _immediate(self) -> bool:
        return self._current().jobs_immediate

    @_immediate.setter
    def _immediate(self, value: bool) -> None:
        pass  # ABRI_JOBS_IMMEDIATE decides

    def build_error_result(self, task, exception) -> dict:
        return {"error": failure_code(exception), "code": failure_code(exception),
                "retries": task.retries, "task_id": task.id}

    def on_failure(self, task) -> Callable[[FailureHandler], FailureHandler]:
        """Call ``handler(job_id, code, *args)`` where ``task`` failed for good (its
        retries spent): to record it, or publish a domain event for whoever waits."""
        def register(handler: FailureHandler) -> FailureHandler:
            self._on_failure.setdefault(task.task_class, []).append(handler)
            return handler
        return register

    def _report_failure(self, task, _value, exception) -> None:
        if exception is None or task.retries:  # done, or to be tried again
            return
        code = failure_code(exception)
        log.warning("job %s %s failed for good: %s", type(task).__name__, task.id, code)
        for handler in self._on_failure.get(type(task), ()):
            handler(task.id, code, *task.args)


huey = Queue()
