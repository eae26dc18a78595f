"""Chat benchmark: N live conversations on the running app, every victim and counsellor a
real websocket client, each victim sending one message every 5 seconds.

Measures victim → counsellor delivery latency (p50, p99), messages lost, and the
backend's memory per connected client; a plain python-socketio echo server on this
machine is the baseline for throughput, in the same run.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import socketio

from harness.procs import server_workers, status_kib
from helpline.demo import DEMO_STAFF_PASSWORD
from staff_app.console.state import ConsoleState
from victim_app.chat.state import ChatState

VICTIM_STATE = ChatState.get_full_name()
CONSOLE_STATE = ConsoleState.get_full_name()
INTERVAL = 5.0
QUIET_SHARE = 0.15  # the workers use less than this share of one core: set-up is over
SETTLE_MAX_SECONDS = 300.0


@dataclass
class Tracker:
    """Messages sent (text → send time) and delivered (text → latency in ms)."""

    sent: dict[str, float] = field(default_factory=dict)
    delivered: dict[str, float] = field(default_factory=dict)
    events: dict[str, asyncio.Event] = field(default_factory=dict)
    holding: set[int] = field(default_factory=set)  # counsellors with a conversation open

    def seen(self, text: str) -> None:
        if text in self.sent and text not in self.delivered:
            self.delivered[text] = (time.perf_counter() - self.sent[text]) * 1000
            if text in self.events:
                self.events[text].set()


@dataclass
class Pair:
    index: int
    victim: socketio.AsyncClient
    staff: socketio.AsyncClient


async def _client(url: str, cookie: str, on_delta=None) -> socketio.AsyncClient:
    sio = socketio.AsyncClient(reconnection=False)
    if on_delta is not None:
        sio.on("event", on_delta, namespace="/_event")
    await sio.connect(f"{url}?token={uuid.uuid4()}", socketio_path="/_event",
                      namespaces=["/_event"], transports=["websocket"],
                      headers={"cookie": cookie, "origin": url}, wait_timeout=20)
    return sio


async def _emit(sio: socketio.AsyncClient, state: str, handler: str, payload: dict,
                path: str) -> None:
    await sio.emit("event", {"name": f"{state}.{handler}", "payload": payload,
                             "router_data": {"pathname": path, "asPath": path}},
                   namespace="/_event")


def _console_delta(delta: dict) -> dict:
    merged: dict = {}
    for key, values in (delta.get("delta") or {}).items():
        if key.endswith(ConsoleState.get_name()) and isinstance(values, dict):
            merged.update({name.split("_rx_state_")[0]: value for name, value in values.items()})
    return merged


async def _pair(url: str, index: int, tracker: Tracker) -> Pair:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        start = await http.get("/api/victim/start", follow_redirects=False)
        victim_cookie = f"abri_victim={start.cookies['abri_victim']}"
        login = await http.post("/api/staff/login", follow_redirects=False,
                                headers={"sec-fetch-site": "same-origin"},
                                data={"email": f"bench{index}@abri.example",
                                      "password": DEMO_STAFF_PASSWORD})
        staff_cookie = f"abri_staff={login.cookies['abri_staff']}"

    async def on_staff_delta(data) -> None:
        console = _console_delta(data)
        if console.get("current_id"):
            tracker.holding.add(index)
        for message in console.get("messages") or []:
            tracker.seen(message.get("text", ""))

    victim = await _client(url, victim_cookie)
    staff = await _client(url, staff_cookie, on_staff_delta)
    await _emit(victim, VICTIM_STATE, "start", {"form": {"consent": "on"}}, "/parler")
    return Pair(index=index, victim=victim, staff=staff)


async def open_pairs(url: str, conversations: int, tracker: Tracker) -> list[Pair]:
    pairs: list[Pair] = []
    for start in range(0, conversations, 25):  # connect in waves, as a busy evening would
        pairs += await asyncio.gather(*(_pair(url, i, tracker) for i in
                                        range(start, min(start + 25, conversations))))
    await asyncio.sleep(1)
    for pair in pairs:  # each counsellor takes one conversation (whichever is next)
        await _emit(pair.staff, CONSOLE_STATE, "load", {}, "/staff")
        await _emit(pair.staff, CONSOLE_STATE, "take_next", {}, "/staff")
    deadline = time.perf_counter() + 180  # steady state: every counsellor holds one
    while len(tracker.holding) < len(pairs) and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)
    return pairs


def _worker_cpu_seconds(server_pid: int) -> float:
    """CPU time used so far by the server's worker processes."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in server_workers(server_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


async def settle(server_pid: int) -> float:
    """Wait until the server is quiet: each take refreshed every console's queue, and
    those rounds must be over before measuring the steady state. Returns seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < SETTLE_MAX_SECONDS:
        before = _worker_cpu_seconds(server_pid)
        await asyncio.sleep(1.0)
        if _worker_cpu_seconds(server_pid) - before < QUIET_SHARE:
            break
    return time.perf_counter() - started


async def close_pairs(pairs: list[Pair]) -> None:
    for pair in pairs:
        await pair.victim.disconnect()
        await pair.staff.disconnect()


async def _send(pair: Pair, tracker: Tracker, text: str) -> None:
    tracker.sent[text] = time.perf_counter()
    await _emit(pair.victim, VICTIM_STATE, "send", {"form": {"text": text, "send_id": text}},
                "/parler")


async def open_loop(pairs: list[Pair], tracker: Tracker, seconds: float) -> None:
    """Every victim sends one message every INTERVAL seconds, staggered."""
    async def victim_loop(pair: Pair) -> None:
        await asyncio.sleep(INTERVAL * pair.index / max(len(pairs), 1))
        deadline, seq = time.perf_counter() + seconds, 0
        while time.perf_counter() < deadline:
            await _send(pair, tracker, f"bench-{pair.index}-{seq}")
            seq += 1
            await asyncio.sleep(INTERVAL)

    await asyncio.gather(*(victim_loop(p) for p in pairs))
    await asyncio.sleep(3)  # let the last deliveries land


async def closed_loop(pairs: list[Pair], tracker: Tracker, seconds: float) -> float:
    """Each victim sends its next message as soon as the last one reached the
    counsellor: delivered messages per second."""
    async def victim_loop(pair: Pair) -> int:
        deadline, count = time.perf_counter() + seconds, 0
        while time.perf_counter() < deadline:
            text = f"closed-{pair.index}-{count}"
            tracker.events[text] = asyncio.Event()
            await _send(pair, tracker, text)
            try:
                await asyncio.wait_for(tracker.events[text].wait(), timeout=10)
            except TimeoutError:
                break
            count += 1
        return count

    start = time.perf_counter()
    counts = await asyncio.gather(*(victim_loop(p) for p in pairs))
    return sum(counts) / (time.perf_counter() - start)


def summary(tracker: Tracker) -> dict[str, float]:
    latencies = list(tracker.delivered.values())
    return {
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1
        else float("nan"),
        "lost": len(tracker.sent) - len(tracker.delivered),
        "sent": len(tracker.sent),
    }


def worker_rss_kib(server_pid: int) -> int:
    """Resident memory of the server's worker processes."""
    return sum(status_kib(pid, "VmRSS") for pid in server_workers(server_pid))
