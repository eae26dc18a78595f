"""scripts/serve.sh (what `make run` ends with) starts the job queue's consumer beside the
web server, and stopping it stops both; either one ending stops the other. The web server
here is a stand-in (a real one needs a built frontend: tests/e2e)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from helpline.jobs import enqueue, outcome
from helpline.jobs.health import ping

ROOT = Path(__file__).resolve().parents[3]
FAKE_GRANIAN = """#!/bin/bash
echo $$ > "$ABRI_DATA_DIR/granian.pid"
trap 'exit 0' TERM INT
while :; do sleep 0.1; done
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped) is gone too.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def _wait(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


@pytest.fixture
def serve(data_dir: Path, tmp_path: Path):
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "granian").write_text(FAKE_GRANIAN)
    (tools / "granian").chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}"}
    started: list[subprocess.Popen] = []

    def start(**settings: str) -> subprocess.Popen:
        process = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT,
                                   env={**env, **settings},
                                   start_new_session=True)
        started.append(process)
        _wait(lambda: (data_dir / "granian.pid").exists())
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_runs_the_consumer_and_stopping_it_stops_both(serve, data_dir: Path) -> None:
    server = serve()
    granian = int((data_dir / "granian.pid").read_text())
    consumer = next(pid for pid in _children(server.pid) if pid != granian)
    job = enqueue(ping)
    _wait(lambda: outcome(job).state == "done")
    assert outcome(job).value == "pong"
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=20) == 0
    assert not _alive(granian) and not _alive(consumer)


def test_when_the_consumer_dies_the_server_stops_too(serve, data_dir: Path) -> None:
    server = serve()
    granian = int((data_dir / "granian.pid").read_text())
    _wait(lambda: len(_children(server.pid)) == 2)
    consumer = next(pid for pid in _children(server.pid) if pid != granian)
    os.kill(consumer, signal.SIGKILL)
    assert server.wait(timeout=20) != 0  # a supervisor sees it and starts it again
    _wait(lambda: not _alive(granian))


def test_the_consumer_can_be_left_out(serve, data_dir: Path) -> None:
    server = serve(ABRI_JOBS_CONSUMER="0")  # the e2e harness, unless a test needs jobs
    granian = int((data_dir / "granian.pid").read_text())
    time.sleep(1)
    assert _children(server.pid) == [granian]
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=20) == 0
