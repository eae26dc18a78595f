"""Link capture, measured: the time from a link added to its capture stored (the HTTP
answer, the full-page screenshot and the PDF, each encrypted, with their custody
entries), for a local page, through the real job queue (SQLite) and its consumer. The
median of a few runs: ``BENCH capture_s_p50``. ``ABRI_BENCH_CAPTURE=0`` skips it.

The link is added the way the page adds it (``vault.add_link``, then the capture
started as ``victim_app.vault.capture.start_capture`` does), in this process against the
server's database; the consumer is started here with the test settings that let it
fetch 127.0.0.1 (the server itself does not allow it)."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from harness.appserver import ROOT

RUNS = int(os.environ.get("ABRI_BENCH_CAPTURE_RUNS", "5"))
PAGE = ("<!doctype html><html lang=fr><meta charset=utf-8><title>Post</title>"
        "<body style='font-family:sans-serif'><h1>Un message public</h1>"
        + "<p>Une ligne de texte sur la page.</p>" * 60 + "</body></html>").encode()
LOOPBACK = {"ABRI_NET_ALLOW_LOOPBACK": "1", "ABRI_NET_PORTS": "[]"}


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *_args) -> None:
        pass


def _principal(url: str | None):
    from helpline.db import session_scope
    from helpline.identity import victims
    from helpline.identity.sessions import VICTIM_COOKIE

    with session_scope() as db:
        if url is None:  # run alone: an account made here
            return victims.resolve(db, victims.start(db))
        answer = httpx.get(f"{url}/api/victim/start?next=/", follow_redirects=False)
        return victims.resolve(db, answer.cookies[VICTIM_COOKIE])


def run(server, data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    if os.environ.get("ABRI_BENCH_CAPTURE", "1") == "0":
        return
    from helpline import crypto, vault
    from helpline.config import get_settings
    from helpline.db import get_engine, session_scope

    os.environ.update({"ABRI_DATA_DIR": str(data_dir), **LOOPBACK})
    os.environ.pop("ABRI_JOBS_IMMEDIATE", None)
    get_settings.cache_clear()
    get_engine.cache_clear()
    crypto.reset_caches()
    from helpline.jobs.capture import queue_capture

    page = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=page.serve_forever, daemon=True).start()
    consumer = subprocess.Popen(
        [sys.executable, "scripts/jobs_consumer.py", "--workers", "1", "--worker-type",
         "thread", "--no-periodic", "--delay", "0.05", "--max-delay", "0.1"],
        cwd=ROOT, env={**server.base_env, **LOOPBACK},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        victim = _principal(server.url)
        times = []
        for i in range(RUNS + 1):  # the first warms the consumer and Chromium up
            started = time.perf_counter()
            with session_scope() as db:
                item = vault.add_link(db, victim, vault.LinkForm.from_form(
                    {"url": f"http://127.0.0.1:{page.server_address[1]}/post?{i}"}))
                vault.request_capture(db, victim, item.id)
            queue_capture(item.id)
            deadline = time.monotonic() + 120
            while True:
                with session_scope() as db:
                    state = vault.capture_statuses(db, victim, [item.id])[item.id].state
                if state in ("captured", "failed"):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("capture not done in 120 s")
                time.sleep(0.02)
            if state != "captured":
                raise RuntimeError(f"capture {state}")
            if i:
                times.append(time.perf_counter() - started)
        report("capture_s_p50", statistics.median(times), "s")
    finally:
        consumer.send_signal(signal.SIGINT)
        try:
            consumer.wait(timeout=15)
        except subprocess.TimeoutExpired:
            consumer.kill()
        page.shutdown()
        for key in LOOPBACK:
            os.environ.pop(key, None)
        get_settings.cache_clear()


class _NoServer:
    """``python -m benchmarks.capture``: this benchmark alone, no app server."""

    url = None

    def __init__(self, data_dir: Path) -> None:
        self.base_env = {k: v for k, v in os.environ.items() if not k.startswith("ABRI_")}
        self.base_env.update({"ABRI_DATA_DIR": str(data_dir), "ABRI_LOG_LEVEL": "warning"})


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="abri-bench-capture-") as folder:
        subprocess.run([sys.executable, "-m", "helpline", "migrate"], cwd=ROOT, check=True,
                       env=_NoServer(Path(folder)).base_env, capture_output=True)
        run(_NoServer(Path(folder)), Path(folder),
            lambda name, value, unit: print(f"BENCH {name} {value:.3f} {unit}", flush=True))
