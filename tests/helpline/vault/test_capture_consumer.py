"""Capture with the real consumer (scripts/jobs_consumer.py on the embedded SQLite
queue): a capture queued while the consumer is down (killed with SIGKILL) completes
once after a new consumer starts."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from helpline.config import get_settings
from helpline.db import session_scope
from helpline.jobs import enqueue, huey, outcome
from helpline.jobs.capture import queue_capture
from helpline.models import VaultItem
from helpline.vault import capture
from tests.helpline.jobs.tasks import write_marker
from tests.helpline.vault.test_capture import Handler, _add, _status, server  # noqa: F401

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def consumer(data_dir: Path, monkeypatch: pytest.MonkeyPatch
             ) -> Iterator[Callable[[], subprocess.Popen]]:
    monkeypatch.setenv("ABRI_NET_PORTS", "[]")
    monkeypatch.setenv("ABRI_NET_ALLOW_LOOPBACK", "1")
    get_settings.cache_clear()
    huey.flush()
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        import os

        log = open(data_dir / f"consumer-{len(started)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "scripts/jobs_consumer.py", "tests.helpline.jobs.tasks.huey",
             "--workers", "2", "--worker-type", "thread", "--no-periodic",
             "--delay", "0.05", "--max-delay", "0.2"],
            cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    huey.flush()


def test_a_capture_queued_while_the_consumer_is_down_completes_once(
        consumer, victim, server, data_dir: Path) -> None:  # noqa: F811
    running = consumer()
    ready = enqueue(write_marker, str(data_dir / "marker"), "prêt")
    deadline = time.monotonic() + 40
    while outcome(ready).state != "done":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    running.kill()  # SIGKILL
    running.wait()
    item_id = _add(victim, f"{server}/post")
    job = queue_capture(item_id)
    time.sleep(1)
    assert outcome(job).state == "pending" and _status(victim, item_id).state == "pending"
    assert Handler.hits == []
    consumer()
    deadline = time.monotonic() + 90
    while _status(victim, item_id).state in ("pending", "running"):
        assert time.monotonic() < deadline, "capture not done"
        time.sleep(0.2)
    assert _status(victim, item_id).state == "captured"
    time.sleep(1.5)  # a second run, were there one
    with session_scope() as db:
        kept = db.exec(select(VaultItem.derivative).where(VaultItem.parent_id == item_id)).all()
    assert sorted(kept) == sorted(capture.VARIANTS)
    assert Handler.hits.count("/post") == 2  # one fetch, one browser visit
    assert outcome(job).state == "done" and outcome(job).value == "captured"
