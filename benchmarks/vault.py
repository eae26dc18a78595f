"""The safe's upload, measured in one run: a 50 MiB file through the running app over
HTTP exactly as the page sends it (a raw POST with the victim's cookie), the same
bytes through helpline.vault's AES-GCM framing in this process, their ratio, and the
server's peak extra memory while a 200 MiB video streams in (it must never sit whole
in memory)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from harness.procs import server_workers, status_kib

MIB = 1024 * 1024
CHUNK = 256 * 1024  # what the client hands the socket at a time


def _mp4(size: int) -> Iterator[bytes]:
    """A video by its magic bytes (an ISO BMFF ftyp box), then filler that does not
    compress: ``size`` bytes in all, made as they are sent."""
    header = (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
              b"\x00\x00\x00\x08free")
    yield header
    left, block = size - len(header), os.urandom(CHUNK)
    while left > 0:
        piece = block[:min(CHUNK, left)]
        left -= len(piece)
        yield piece


def _victim_cookie(url: str) -> str:
    """A pseudonymous account, opened the way a first visit opens one."""
    from helpline.identity.sessions import VICTIM_COOKIE

    answer = httpx.get(f"{url}/api/victim/start?next=/", follow_redirects=False)
    return f"{VICTIM_COOKIE}={answer.cookies[VICTIM_COOKIE]}"


def _upload(url: str, cookie: str, name: str, size: int) -> float:
    """Seconds to send ``size`` bytes and have them kept (the answer says so)."""
    headers = {"cookie": cookie, "sec-fetch-site": "same-origin", "x-vault-filename": name,
               "content-type": "application/octet-stream", "content-length": str(size)}
    started = time.perf_counter()
    answer = httpx.post(f"{url}/api/vault/upload", content=_mp4(size), headers=headers,
                        timeout=300)
    elapsed = time.perf_counter() - started
    if answer.status_code != 201:
        raise RuntimeError(f"upload refused: {answer.status_code} {answer.text[:200]}")
    return elapsed


def _peak_extra_kib(server_pid: int, run: Callable[[], object]) -> int:
    """The server's resident memory above its baseline at its highest while ``run``
    runs: sampled VmRSS every few ms, and VmHWM if the high-water mark rose."""
    pids = server_workers(server_pid)
    baseline = {pid: status_kib(pid, "VmRSS") for pid in pids}
    hwm_before = {pid: status_kib(pid, "VmHWM") for pid in pids}
    peak = dict(baseline)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], status_kib(pid, "VmRSS"))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run()
    finally:
        done.set()
        sampler.join()
    extra = 0
    for pid in pids:
        top = peak[pid]
        hwm = status_kib(pid, "VmHWM")
        if hwm > hwm_before[pid]:  # a peak between two samples
            top = max(top, hwm)
        extra = max(extra, top - baseline[pid])
    return extra


class _Discard:
    def write(self, data: bytes) -> int:
        return len(data)


def _raw_framing_seconds(size: int) -> float:
    """The same bytes through the vault's own segment framing (AES-256-GCM, SHA-256 as
    it goes) in this process, written nowhere: the upload without HTTP, sniffing,
    derivatives or disk."""
    from helpline.config import get_settings
    from helpline.vault.framing import SegmentWriter

    writer = SegmentWriter(_Discard(), item_id="bench", owner_id="bench",
                           segment_bytes=get_settings().vault_segment_bytes)
    started = time.perf_counter()
    for piece in _mp4(size):
        writer.write(piece)
    writer.finish()
    return time.perf_counter() - started


def _use_server_keys(data_dir: Path) -> None:
    """The framing wraps its data key with the server's keyring: read that one."""
    from helpline import crypto
    from helpline.config import get_settings
    from helpline.db import get_engine

    os.environ["ABRI_DATA_DIR"] = str(data_dir)
    get_settings.cache_clear()
    get_engine.cache_clear()
    crypto.reset_caches()


def run(server, data_dir: Path, report: Callable[[str, float, str], None]) -> None:
    if os.environ.get("ABRI_BENCH_VAULT", "1") == "0":
        return
    cookie = _victim_cookie(server.url)
    _use_server_keys(data_dir)
    size = 50 * MIB
    _upload(server.url, cookie, "warm-up.mp4", 1 * MIB)
    # The best of three: the same machine runs other work; each is a full upload.
    seconds = min(_upload(server.url, cookie, f"bench-{i}.mp4", size) for i in range(3))
    raw = min(_raw_framing_seconds(size) for _ in range(3))
    report("vault_upload_mb_s", size / 1e6 / seconds, "MB/s")
    report("vault_raw_aesgcm_mb_s", size / 1e6 / raw, "MB/s")
    report("vault_vs_raw_aesgcm", raw / seconds, "ratio")
    extra = _peak_extra_kib(server.process.pid,
                            lambda: _upload(server.url, cookie, "big.mp4", 200 * MIB))
    report("vault_peak_extra_mib_200mib", extra / 1024, "MiB")
