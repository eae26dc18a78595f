"""Live updates between browsers: domain events delivered to the open pages that watch.

The database holds everything; an event (`helpline/events.py`) only tells the pages
watching its channels to reload what is new, each with its own session. Each surface
declares, in one table per state, which handler reacts to which event (`subscribe`);
no surface names another's states, and a surface that is not served subscribes to
nothing. Who watches what (the Reflex client tokens of open pages, bearer secrets
never written to the database) lives in Redis when Abri runs several workers, else in
this process.

With Redis an event is published once; every worker hears it and delivers it to the
pages whose socket it holds, so a host serving one surface needs no state of the
other, and no page is told twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import inspect
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.utils import prerequisites

from helpline.config import get_settings
from helpline.events import DomainEvent

WATCH_SECONDS = 6 * 3600  # a page that stays open longer re-registers when it reloads
EVENTS_CHANNEL = "abri:events"
log = logging.getLogger("abri.live")

Reaction = tuple[str, Callable[[Any], bool] | None]  # handler name, and when it applies
_reactions: dict[str, dict[type[DomainEvent], Reaction]] = {}  # by state full name
_states: dict[str, type[rx.State]] = {}
_local: dict[str, dict[str, float]] = {}  # channel -> {watcher: until}
_local_pages: dict[str, set[str]] = {}  # token -> channels it watches, to forget a page
_tasks: set[asyncio.Task] = set()  # keeps deliveries alive until they finish
_redis = None


def subscribe(state: type[rx.State],
              table: dict[type[DomainEvent], str | Reaction]) -> None:
    """Pages of ``state`` react to each event type with the handler named, optionally
    only when a predicate on the event holds: ``{MessagePosted: ("refresh", pred)}``."""
    name = state.get_full_name()
    _states[name] = state
    _reactions[name] = {kind: (r, None) if isinstance(r, str) else r for kind, r in
                        table.items()}


def _client():
    global _redis
    url = get_settings().redis_url
    if url and _redis is None:
        import redis

        _redis = redis.Redis.from_url(url)
    return _redis if url else None


def _watcher(state: type[rx.State], client_token: str) -> str:
    return f"{client_token} {state.get_full_name()}"


def watch(channel: str, state: type[rx.State], client_token: str) -> None:
    """The page with ``client_token`` (a ``state`` page) wants ``channel``'s events."""
    if not client_token:
        return
    member = _watcher(state, client_token)
    redis_client = _client()
    if redis_client is not None:
        key, page = f"abri:watch:{channel}", f"abri:watching:{client_token}"
        with redis_client.pipeline() as pipe:
            pipe.zadd(key, {member: time.time() + WATCH_SECONDS})
            pipe.expire(key, WATCH_SECONDS)
            pipe.sadd(page, channel)
            pipe.expire(page, WATCH_SECONDS)
            pipe.execute()
        return
    _local.setdefault(channel, {})[member] = time.time() + WATCH_SECONDS
    _local_pages.setdefault(client_token, set()).add(channel)


def forget_page(client_token: str) -> None:
    """The page is closed: it watches nothing any more."""
    prefix = f"{client_token} "
    redis_client = _client()
    if redis_client is not None:
        page = f"abri:watching:{client_token}"
        channels = [c.decode() for c in redis_client.smembers(page)]
        for channel in channels:
            key = f"abri:watch:{channel}"
            gone = [m for m in redis_client.zrange(key, 0, -1) if m.decode().startswith(prefix)]
            if gone:
                redis_client.zrem(key, *gone)
        redis_client.delete(page)
        return
    for channel in _local_pages.pop(client_token, ()):
        entries = _local.get(channel, {})
        for member in [m for m in entries if m.startswith(prefix)]:
            del entries[member]


def _unwatch(channel: str, member: str) -> None:
    redis_client = _client()
    if redis_client is not None:
        redis_client.zrem(f"abri:watch:{channel}", member)
    else:
        _local.get(channel, {}).pop(member, None)


def watchers(channel: str) -> list[str]:
    now = time.time()
    redis_client = _client()
    if redis_client is not None:
        key = f"abri:watch:{channel}"
        redis_client.zremrangebyscore(key, 0, now)
        return [m.decode() for m in redis_client.zrange(key, 0, -1)]
    entries = _local.get(channel, {})
    for member, until in list(entries.items()):
        if until < now:
            del entries[member]
    return list(entries)


def _holds_socket(app: rx.App, token: str) -> bool:
    """Whether this worker holds the page's socket (with Redis, one worker does)."""
    namespace = app.event_namespace
    if namespace is None:
        return False
    tokens = namespace._token_manager
    record = tokens.token_to_socket.get(token)
    return record is not None and record.instance_id == tokens.instance_id


async def _deliver(event: DomainEvent, skip: str) -> None:
    app = prerequisites.get_app().app
    shared = _client() is not None
    for channel in event.channels():
        for member in watchers(channel):
            token, _, state_name = member.partition(" ")
            reaction = _reactions.get(state_name, {}).get(type(event))
            if token == skip or reaction is None or (shared and not _holds_socket(app, token)):
                continue
            method, applies = reaction
            if applies is not None and not applies(event):
                continue
            state = _states[state_name]
            try:
                async with app.modify_state(rx.BaseStateToken(ident=token, cls=state)) as root:
                    reacted = getattr(await root.get_state(state), method)()
                    if inspect.isawaitable(reacted):  # guarded handlers are coroutines
                        await reacted
            except Exception:  # a page that went away must not stop the others
                log.warning("live update to a page failed", exc_info=True)
                _unwatch(channel, member)


_pending: set[tuple[DomainEvent, str]] = set()
_running: set[tuple[DomainEvent, str]] = set()


async def _flush(key: tuple[DomainEvent, str]) -> None:
    """Deliver one event one round at a time: the same event again while a round
    runs collapses into a single next round, so N changes never cost N × N."""
    try:
        while key in _pending:
            _pending.discard(key)
            await _deliver(*key)
    finally:
        _running.discard(key)


def _schedule(event: DomainEvent, skip: str) -> None:
    key = (event, skip)
    _pending.add(key)
    if key in _running:
        return  # the running round will pick this change up
    with contextlib.suppress(RuntimeError):  # no running loop: nothing is watching live
        _running.add(key)
        task = asyncio.get_running_loop().create_task(_flush(key))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)


_kinds: dict[str, type[DomainEvent]] = {}


def _kind(name: str) -> type[DomainEvent] | None:
    if name not in _kinds:
        stack = list(DomainEvent.__subclasses__())
        while stack:
            cls = stack.pop()
            _kinds[cls.__name__] = cls
            stack.extend(cls.__subclasses__())
    return _kinds.get(name)


def publish(*events: DomainEvent, skip: str = "") -> None:
    """After the commit: the pages watching each event's channels react (the page
    ``skip``, the one that caused it, already shows it). Runs after the current
    event, so two pages never wait on each other's lock. Equal events coalesce only
    with the same ``skip``: publish an event every page gets (QueueChanged) without."""
    redis_client = _client()
    for event in events:
        if redis_client is None:
            _schedule(event, skip)
            continue
        redis_client.publish(EVENTS_CHANNEL, json.dumps(
            {"kind": type(event).__name__, "fields": dataclasses.asdict(event), "skip": skip}))


async def hear_published_events() -> None:
    """Lifespan task of every worker (with Redis): deliver what any worker published."""
    if get_settings().redis_url is None:
        return
    import redis.asyncio as aioredis

    while True:
        try:
            client = aioredis.Redis.from_url(get_settings().redis_url)
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(EVENTS_CHANNEL)
                async for message in pubsub.listen():
                    if message["type"] != "message":
                        continue
                    data = json.loads(message["data"])
                    kind = _kind(data.get("kind", ""))
                    if kind is not None:
                        _schedule(kind(**data["fields"]), data.get("skip", ""))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("live updates: lost Redis, listening again", exc_info=True)
            await asyncio.sleep(1)
