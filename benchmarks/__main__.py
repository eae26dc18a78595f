"""Run every benchmark: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks import capture, dossier, feed, quiz, risk, vault
from benchmarks.load import closed_loop
from harness.appserver import ROOT, AppServer

BENCH_PORT = int(os.environ.get("ABRI_BENCH_PORT", "3927"))
BASELINE_PORT = BENCH_PORT + 1


def report(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.3f} {unit}", flush=True)


def _start_baseline() -> subprocess.Popen:
    return _start_granian("benchmarks.baseline_app:app", "/api/health")


def _start_granian(target: str, probe: str = "/_event/?EIO=4&transport=polling"
                   ) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "asgi", "--factory", "--host",
         "127.0.0.1", "--port", str(BASELINE_PORT), "--workers", "1", "--log-level", "error",
         target],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{BASELINE_PORT}{probe}", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("baseline server did not start")


def bench_http(server_url: str) -> None:
    """Abri's full HTTP stack (Reflex ASGI app + security headers) vs bare Starlette."""
    baseline = _start_baseline()
    try:
        base = closed_loop(f"http://127.0.0.1:{BASELINE_PORT}/api/health")
    finally:
        baseline.terminate()
        baseline.wait()
    abri = closed_loop(f"{server_url}/api/health")
    page = closed_loop(f"{server_url}/", total=1000)
    report("http_baseline_rps", base.rps, "req/s")
    report("http_health_rps", abri.rps, "req/s")
    report("http_health_p99_ms", abri.percentile(99), "ms")
    report("http_health_vs_starlette_throughput", abri.rps / base.rps, "ratio")
    report("http_home_page_p50_ms", page.percentile(50), "ms")
    report("http_home_page_vs_health_throughput", page.rps / abri.rps, "ratio")


def _bench_staff(data_dir: Path, count: int) -> None:
    """Counsellor accounts for the simulated conversations."""
    from sqlmodel import Session

    from helpline.db import make_engine
    from helpline.demo import DEMO_STAFF_PASSWORD
    from helpline.identity.staff_accounts import create_staff

    engine = make_engine(f"sqlite:///{data_dir / 'abri.db'}")
    with Session(engine) as db:
        for i in range(count):
            staff = create_staff(db, email=f"bench{i}@abri.example", display_name=f"B{i}",
                                 password=DEMO_STAFF_PASSWORD, roles=["counsellor"])
            staff.capacity = 10
            db.add(staff)
        db.commit()
    engine.dispose()


async def _echo_closed_loop(url: str, clients: int, seconds: float) -> float:
    import socketio

    async def one(index: int) -> int:
        sio, got = socketio.AsyncClient(reconnection=False), asyncio.Queue()
        sio.on("event", lambda data: got.put_nowait(data), namespace="/_event")
        await sio.connect(url, socketio_path="/_event", namespaces=["/_event"],
                          transports=["websocket"])
        deadline, count = time.perf_counter() + seconds, 0
        while time.perf_counter() < deadline:
            await sio.emit("event", {"text": f"echo-{index}-{count}"}, namespace="/_event")
            await asyncio.wait_for(got.get(), timeout=10)
            count += 1
        await sio.disconnect()
        return count

    start = time.perf_counter()
    counts = await asyncio.gather(*(one(i) for i in range(clients)))
    return sum(counts) / (time.perf_counter() - start)


def _start_echo() -> subprocess.Popen:
    return _start_granian("benchmarks.echo_server:app")


async def _bench_chat(server: AppServer, sizes: tuple[int, ...], seconds: float) -> None:
    from benchmarks import chat

    url = server.url
    for size in sizes:
        before = chat.worker_rss_kib(server.process.pid)
        tracker = chat.Tracker()
        started = time.perf_counter()
        pairs = await chat.open_pairs(url, size, tracker)
        report(f"chat_setup_s_n{size}", time.perf_counter() - started, "s")
        report(f"chat_taken_n{size}", len(tracker.holding), "conversations")
        report(f"chat_settle_s_n{size}", await chat.settle(server.process.pid), "s")
        after = chat.worker_rss_kib(server.process.pid)
        await chat.open_loop(pairs, tracker, seconds)
        result = chat.summary(tracker)
        report(f"chat_p50_ms_n{size}", result["p50"], "ms")
        report(f"chat_p99_ms_n{size}", result["p99"], "ms")
        report(f"chat_lost_n{size}", result["lost"], "messages")
        report(f"chat_sent_n{size}", result["sent"], "messages")
        report(f"chat_kib_per_client_n{size}", (after - before) / (2 * size), "KiB")
        if size == sizes[0]:
            report("chat_kib_per_client", (after - before) / (2 * size), "KiB")
            throughput = await chat.closed_loop(pairs, tracker, 10)
            report("chat_closed_loop_msgs_per_s", throughput, "msg/s")
            echo = _start_echo()
            try:
                echo_rate = await _echo_closed_loop(f"http://127.0.0.1:{BASELINE_PORT}",
                                                    size, 10)
            finally:
                echo.terminate()
                echo.wait()
            report("socketio_echo_msgs_per_s", echo_rate, "msg/s")
            report("chat_vs_socketio_throughput", throughput / echo_rate, "ratio")
        await chat.close_pairs(pairs)


def main() -> int:
    sizes = tuple(int(n) for n in os.environ.get("ABRI_BENCH_SIZES", "10,100,300").split(","))
    seconds = float(os.environ.get("ABRI_BENCH_SECONDS", "30"))
    risk.run(report)
    with tempfile.TemporaryDirectory(prefix="abri-bench-") as data:
        server = AppServer.isolated(Path(data), BENCH_PORT, ABRI_OPENING_HOURS="24/7")
        server.build()
        _bench_staff(Path(data), max(sizes))
        try:
            url = server.ensure()
            bench_http(url)
            vault.run(server, Path(data), report)  # ABRI_BENCH_VAULT=0 skips it
            capture.run(server, Path(data), report)  # ABRI_BENCH_CAPTURE=0 skips it
            dossier.run(server, Path(data), report)  # ABRI_BENCH_DOSSIER=0 skips it
            feed.run(server, Path(data), report)  # ABRI_BENCH_FEED=0 skips it
            quiz.run(server, Path(data), report)  # ABRI_BENCH_QUIZ=0 skips it
            asyncio.run(_bench_chat(server, sizes, seconds))
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
