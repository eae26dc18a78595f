"""Run every benchmark: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.load import closed_loop
from harness.appserver import ROOT, AppServer

BENCH_PORT = int(os.environ.get("ABRI_BENCH_PORT", "3927"))
BASELINE_PORT = BENCH_PORT + 1


def report(name: str, value: float, unit: str) -> None:
    print(f"BENCH {name} {value:.3f} {unit}", flush=True)


def _start_baseline() -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "asgi", "--factory", "--host",
         "127.0.0.1", "--port", str(BASELINE_PORT), "--workers", "1", "--log-level", "error",
         "benchmarks.baseline_app:app"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{BASELINE_PORT}/api/health", timeout=1)
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


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="abri-bench-") as data:
        server = AppServer.isolated(Path(data), BENCH_PORT)
        server.build()
        try:
            url = server.ensure()
            bench_http(url)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
