"""The processes a running server is made of, read from /proc."""

from __future__ import annotations

from pathlib import Path


def _parents() -> dict[int, int]:
    parents = {}
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("PPid:"):
                parents[int(child.name)] = int(line.split()[1])
                break
    return parents


def server_workers(server_pid: int) -> list[int]:
    """The processes doing the work under ``server_pid``: its descendants with no child of
    their own (granian's workers, and the job consumer when it runs), however deep the
    launcher nests them (scripts/serve.sh runs granian beside the consumer)."""
    parents = _parents()
    descendants, frontier = set(), {server_pid}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        descendants |= frontier
    leaves = [pid for pid in descendants if pid not in set(parents[d] for d in descendants)]
    return sorted(leaves) or [server_pid]


def status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
