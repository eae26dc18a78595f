"""The real consumer (scripts/jobs_consumer.py, as scripts/serve.sh starts it) on the
embedded SQLite queue and on Redis (when TEST_REDIS_URL is set): a job runs, a job queued
while no consumer runs (stopped, or killed with SIGKILL) runs once after a start, and a
failing job is retried with growing waits, then reported failed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpline.jobs import enqueue, huey, outcome
from tests.factories import reset_caches
from tests.helpline.jobs.tasks import (
    crashes,
    fails_once,
    refused_each_time,
    runs,
    write_marker,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def backend(request, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        if not url:
            pytest.skip("TEST_REDIS_URL is not set")
        monkeypatch.setenv("ABRI_REDIS_URL", url)
        reset_caches()
    huey.flush()  # Redis: what an earlier run left under Abri's keys
    yield request.param
    huey.flush()


@pytest.fixture
def consumer(backend: str, data_dir: Path) -> Iterator[Callable[[], subprocess.Popen]]:
    """Starts a consumer with this test's settings (the test's tasks loaded too)."""
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
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


def _wait_for(job: str, state: str, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while outcome(job).state != state:
        assert time.monotonic() < deadline, f"job still {outcome(job)}"
        time.sleep(0.1)


def test_the_consumer_runs_a_queued_job(consumer, data_dir: Path) -> None:
    consumer()
    marker = data_dir / "marker"
    job = enqueue(write_marker, str(marker), "fait")
    _wait_for(job, "done")
    assert outcome(job).value == "fait" and len(runs(marker)) == 1


def test_a_job_queued_while_no_consumer_runs_runs_once_after_a_start(
        consumer, data_dir: Path) -> None:
    marker = data_dir / "marker"
    first = enqueue(write_marker, str(marker), "avant")  # nothing is running
    time.sleep(0.5)
    assert outcome(first).state == "pending" and runs(marker) == []
    running = consumer()
    _wait_for(first, "done")
    running.kill()  # SIGKILL, waiting for work: nothing to finish, nothing said
    running.wait()
    second = enqueue(write_marker, str(marker), "pendant")
    time.sleep(0.5)
    assert outcome(second).state == "pending"
    consumer()
    _wait_for(second, "done")
    time.sleep(1)  # time for a second run of either, were there one
    assert [line.split()[1] for line in marker.read_text().splitlines()] == ["avant", "pendant"]


def test_a_retry_waiting_when_the_consumer_is_killed_runs_after_a_start(
        consumer, data_dir: Path) -> None:
    running = consumer()
    marker = data_dir / "marker"
    job = enqueue(fails_once, str(marker))  # fails, then is to be tried 2 s later
    deadline = time.monotonic() + 20
    while not huey.scheduled():  # its retry is stored: the first try is over
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(runs(marker)) == 1
    running.kill()
    running.wait()
    assert outcome(job).state == "pending"
    consumer()
    _wait_for(job, "done")
    assert outcome(job).value == "second try" and len(runs(marker)) == 2


def test_a_failing_job_is_retried_with_backoff_then_reported_failed(
        consumer, data_dir: Path) -> None:
    consumer()
    marker = data_dir / "marker"
    job = enqueue(refused_each_time, str(marker))  # retries=2, 1 s then 3 s
    _wait_for(job, "failed")
    assert outcome(job).code == "test.refused"
    tries = runs(marker)
    assert len(tries) == 3
    first_wait, second_wait = tries[1] - tries[0], tries[2] - tries[1]
    # Huey never runs a retry early; a busy machine may run it late.
    assert 0.9 <= first_wait < 10 and 2.9 <= second_wait < 15
    assert Path(f"{marker}.failed").read_text() == f"{job} test.refused\n"  # heard once
    crashed = enqueue(crashes, str(data_dir / "crash-given"))
    _wait_for(crashed, "failed")
    assert outcome(crashed).code == "error"
    log = (data_dir / "consumer-0.log").read_text()
    assert "RuntimeError: <redacted>" in log and "crash-given" not in log


def test_in_production_the_consumer_refuses_to_start_without_a_key(data_dir: Path) -> None:
    env = {**os.environ, "ABRI_ENV": "production"}
    done = subprocess.run([sys.executable, "scripts/jobs_consumer.py", "--no-periodic"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "KeyringError" in done.stderr
    assert not (data_dir / "jobs.db").exists()
