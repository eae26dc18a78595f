"""The job queue in-process: immediate mode for what a job does and reports, the
embedded SQLite store for where jobs wait. A real consumer: test_consumer.py."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from helpline import jobs
from helpline.config import get_settings
from helpline.errors import Refused
from helpline.jobs import Outcome, enqueue, housekeeping, huey, outcome
from helpline.jobs.queue import failure_code, make_storage
from helpline.models import Victim
from helpline.models._common import utcnow
from tests.factories import reset_caches
from tests.helpline.jobs.tasks import crashes, refused_each_time, runs, write_marker


@pytest.fixture
def immediate(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ABRI_JOBS_IMMEDIATE", "true")
    reset_caches()
    return data_dir


def test_a_job_runs_and_its_outcome_is_read_by_its_id(immediate: Path) -> None:
    marker = immediate / "marker"
    job = enqueue(write_marker, str(marker), "bonjour")
    assert outcome(job) == Outcome("done", value="bonjour")
    assert outcome(job) == Outcome("done", value="bonjour")  # reading does not consume it
    assert len(runs(marker)) == 1
    jobs.forget(job)
    assert outcome(job).state == "pending"


def test_an_id_never_queued_is_pending(immediate: Path) -> None:
    assert outcome("no-such-job") == Outcome("pending")


def test_a_failing_job_is_tried_again_then_reported_failed_with_its_code_only(
        immediate: Path) -> None:
    marker = immediate / "marker"
    job = enqueue(crashes, str(marker))
    assert outcome(job) == Outcome("failed", code="error")
    assert len(runs(marker)) == 3  # the first try and its two retries
    # Whoever registered interest heard it once, after the last try.
    assert Path(f"{marker}.failed").read_text() == f"{job} error\n"
    stored = repr(huey.serializer.deserialize(huey.get_raw(job, peek=True)))
    assert "could not read" not in stored and "Traceback" not in stored


def test_a_job_waiting_for_its_retry_is_pending_not_failed(immediate: Path) -> None:
    marker = immediate / "marker"
    job = enqueue(refused_each_time, str(marker))  # its retry is due in a second
    assert len(runs(marker)) == 1 and outcome(job) == Outcome("pending")
    (retry,) = huey.scheduled()
    assert retry.id == job and retry.retries == 1 and retry.retry_delay == 3  # 1 s × backoff
    assert not Path(f"{marker}.failed").exists()


def test_failure_codes_name_the_refusal_or_the_kind_of_failure() -> None:
    from huey.exceptions import TaskTimeout
    assert failure_code(Refused("capture.login_wall")) == "capture.login_wall"
    assert failure_code(TaskTimeout("slow")) == "timeout"
    assert failure_code(KeyError("secret")) == "error"


def test_the_store_follows_the_settings(data_dir: Path, monkeypatch) -> None:
    assert isinstance(make_storage(get_settings()), SqliteStorage)
    monkeypatch.setenv("ABRI_REDIS_URL", "redis://127.0.0.1:1/0")  # not connected yet
    reset_caches()
    redis = make_storage(get_settings())
    assert isinstance(redis, RedisStorage) and redis.queue_key == "huey.redis.abri"
    monkeypatch.setenv("ABRI_JOBS_IMMEDIATE", "1")
    reset_caches()
    assert isinstance(huey.storage, MemoryStorage) and huey.immediate


def test_queued_jobs_wait_in_an_owner_only_file_under_the_data_folder(
        data_dir: Path, monkeypatch) -> None:
    folder = data_dir / "new"
    monkeypatch.setenv("ABRI_DATA_DIR", str(folder))
    reset_caches()
    before = os.umask(0o022)
    try:
        job = enqueue(write_marker, str(data_dir / "marker"), "plus tard")
    finally:
        os.umask(before)
    assert outcome(job).state == "pending" and len(huey) == 1  # no consumer here
    assert not (data_dir / "marker").exists()
    for path in (folder / "jobs.db", folder / "jobs.db-wal", folder / "jobs.db-shm"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_housekeeping_is_periodic_and_each_task_does_its_work(db, monkeypatch) -> None:
    periodic = {type(task).__name__ for task in huey._registry.periodic_tasks}
    assert {"purge_accounts", "prune_rate_limits"} <= periodic
    hourly = [m for m in range(60)
              if housekeeping.purge_accounts.task_class().validate_datetime(
                  utcnow().replace(minute=m))]
    assert len(hourly) == 1
    gone = Victim(created_at=utcnow() - timedelta(days=400))
    db.add(gone)
    db.commit()
    assert housekeeping.purge_accounts.call_local() == 1
    assert housekeeping.prune_rate_limits.call_local() == 0


def test_importing_the_queue_creates_no_file(tmp_path: Path) -> None:
    import subprocess
    import sys
    env = {**os.environ, "ABRI_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([sys.executable, "-c", "import helpline.jobs"], env=env, check=True,
                   cwd=Path(__file__).resolve().parents[3])
    assert not (tmp_path / "data").exists()
