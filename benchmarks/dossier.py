"""The signed dossier's export, measured through the running app: a 100 MiB video is put
in the safe (as the page uploads it), then exported as a dossier over HTTP exactly as
the page's link asks for it (GET /api/vault/dossier with the victim's cookie), the
whole ZIP read: decrypting, hashing, zipping to disk, the PDF, signing and streaming.
``BENCH dossier_mb_s`` is the original's size over that time (best of three).
``ABRI_BENCH_DOSSIER=0`` skips it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from benchmarks.vault import MIB, _mp4, _victim_cookie

SIZE = 100 * MIB


def _upload(url: str, cookie: str, size: int) -> str:
    headers = {"cookie": cookie, "sec-fetch-site": "same-origin",
               "x-vault-filename": "dossier-bench.mp4",
               "content-type": "application/octet-stream", "content-length": str(size)}
    answer = httpx.post(f"{url}/api/vault/upload", content=_mp4(size), headers=headers,
                        timeout=600)
    if answer.status_code != 201:
        raise RuntimeError(f"upload refused: {answer.status_code} {answer.text[:200]}")
    return answer.json()["item"]["id"]


def _export_seconds(url: str, cookie: str, item_id: str) -> tuple[float, int]:
    started = time.perf_counter()
    received = 0
    with httpx.stream("GET", f"{url}/api/vault/dossier", params={"items": item_id},
                      headers={"cookie": cookie}, timeout=600) as answer:
        if answer.status_code != 200:
            raise RuntimeError(f"export refused: {answer.status_code}")
        for data in answer.iter_bytes(1 << 20):
            received += len(data)
    return time.perf_counter() - started, received


def run(server, _data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    if os.environ.get("ABRI_BENCH_DOSSIER", "1") == "0":
        return
    cookie = _victim_cookie(server.url)
    item_id = _upload(server.url, cookie, SIZE)
    runs = [_export_seconds(server.url, cookie, item_id) for _ in range(3)]
    seconds, received = min(runs)
    if received < SIZE:
        raise RuntimeError(f"the dossier holds {received} bytes, less than the original")
    report("dossier_mb_s", SIZE / 1e6 / seconds, "MB/s")


if __name__ == "__main__":  # this figure alone: python -m benchmarks.dossier
    import sys
    import tempfile

    from harness.appserver import AppServer

    def _print(name: str, value: float, unit: str) -> None:
        print(f"BENCH {name} {value:.2f} {unit}", flush=True)

    with tempfile.TemporaryDirectory(prefix="abri-bench-dossier-") as folder:
        app = AppServer.isolated(Path(folder), int(os.environ.get("ABRI_BENCH_PORT", "3701")))
        app.build()
        try:
            app.ensure()
            run(app, Path(folder), _print)
        finally:
            app.stop()
    sys.exit(0)
