"""Tasks the job tests enqueue, on Abri's queue; a real consumer loads them too (its
huey path: tests.helpline.jobs.tasks.huey). Each run appends a line to a marker file."""

from __future__ import annotations

import time
from pathlib import Path

from helpline.errors import Refused
from helpline.jobs import huey


def runs(path: str | Path) -> list[float]:
    """When each run of a task given this marker path started."""
    marker = Path(path)
    return [float(line.split()[0]) for line in marker.read_text().splitlines()] \
        if marker.exists() else []


def _mark(path: str, text: str = "") -> None:
    with open(path, "a") as marker:
        marker.write(f"{time.time()} {text}\n")


@huey.task()
def write_marker(path: str, text: str) -> str:
    _mark(path, text)
    return text


@huey.task(retries=2, retry_delay=1, retry_backoff=3)
def refused_each_time(path: str) -> None:
    _mark(path)
    raise Refused("test.refused")


@huey.task(retries=2)
def crashes(path: str) -> None:
    _mark(path)
    raise RuntimeError(f"could not read {path}")  # what it was given: never kept or logged


@huey.on_failure(refused_each_time)
@huey.on_failure(crashes)
def note_failure(job_id: str, code: str, path: str) -> None:
    with open(f"{path}.failed", "a") as note:
        note.write(f"{job_id} {code}\n")


@huey.task(retries=1, retry_delay=2)
def fails_once(path: str) -> str:
    _mark(path)
    if len(runs(path)) == 1:
        raise RuntimeError("first try")
    return "second try"
