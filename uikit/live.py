"""Live updates between browsers.

The database holds every message; a push only tells the other side's open pages to
reload what is new. Who watches what (the Reflex client tokens of open pages) lives
in Redis when Abri runs several workers, else in this process. Tokens are bearer
secrets for a page's state: they are never written to the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import time

import reflex as rx
from reflex.utils import prerequisites

from helpline.config import get_settings

WATCH_SECONDS = 6 * 3600  # a page that stays open longer re-registers when it reloads
log = logging.getLogger("abri.live")
_local: dict[str, dict[str, float]] = {}
_local_pages: dict[str, set[str]] = {}  # token -> channels it watches, to forget a page
_tasks: set[asyncio.Task] = set()  # keeps pushes alive until they finish
_redis = None


def _client():
    global _redis
    url = get_settings().redis_url
    if url and _redis is None:
        import redis

        _redis = redis.Redis.from_url(url)
    return _redis if url else None


def watch(channel: str, client_token: str) -> None:
    """Remember that the page with ``client_token`` wants pushes for ``channel``."""
    if not client_token:
        return
    redis_client = _client()
    if redis_client is not None:
        key, page = f"abri:watch:{channel}", f"abri:watching:{client_token}"
        with redis_client.pipeline() as pipe:
            pipe.zadd(key, {client_token: time.time() + WATCH_SECONDS})
            pipe.expire(key, WATCH_SECONDS)
            pipe.sadd(page, channel)
            pipe.expire(page, WATCH_SECONDS)
            pipe.execute()
        return
    _local.setdefault(channel, {})[client_token] = time.time() + WATCH_SECONDS
    _local_pages.setdefault(client_token, set()).add(channel)


def unwatch(channel: str, client_token: str) -> None:
    redis_client = _client()
    if redis_client is not None:
        redis_client.zrem(f"abri:watch:{channel}", client_token)
    else:
        _local.get(channel, {}).pop(client_token, None)


def forget_page(client_token: str) -> None:
    """The page is closed: it watches nothing any more."""
    redis_client = _client()
    if redis_client is not None:
        page = f"abri:watching:{client_token}"
        channels = [c.decode() for c in redis_client.smembers(page)]
        with redis_client.pipeline() as pipe:
            for channel in channels:
                pipe.zrem(f"abri:watch:{channel}", client_token)
            pipe.delete(page)
            pipe.execute()
        return
    for channel in _local_pages.pop(client_token, ()):
        _local.get(channel, {}).pop(client_token, None)


def watchers(channel: str) -> list[str]:
    now = time.time()
    redis_client = _client()
    if redis_client is not None:
        key = f"abri:watch:{channel}"
        redis_client.zremrangebyscore(key, 0, now)
        return [t.decode() for t in redis_client.zrange(key, 0, -1)]
    entries = _local.get(channel, {})
    for token, until in list(entries.items()):
        if until < now:
            del entries[token]
    return list(entries)


@functools.cache  # the state tree is fixed once the app is built
def state_named(name: str) -> type[rx.State] | None:
    """A registered state class by name, so one surface can reach pages of the other
    without importing it."""
    stack = list(rx.State.get_substates())
    while stack:
        cls = stack.pop()
        if cls.__name__ == name:
            return cls
        stack.extend(cls.get_substates())
    return None


async def _push(channel: str, state_name: str, method: str, skip: str) -> None:
    state_cls = state_named(state_name)
    if state_cls is None:
        return
    app = prerequisites.get_app().app
    for token in watchers(channel):
        if token == skip:
            continue
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=state_cls)) as root:
                reacted = getattr(await root.get_state(state_cls), method)()
                if inspect.isawaitable(reacted):  # guarded handlers are coroutines
                    await reacted
        except Exception:  # a page that went away must not stop the others
            log.warning("live push to a page failed", exc_info=True)
            unwatch(channel, token)


_pending: set[tuple[str, str, str]] = set()
_running: set[tuple[str, str, str]] = set()


async def _flush(key: tuple[str, str, str], skip: str) -> None:
    """Deliver pushes for one channel one round at a time: a burst of changes while a
    round runs collapses into a single next round, so N changes never cost N × N."""
    try:
        while key in _pending:
            _pending.discard(key)
            await _push(*key, skip)
    finally:
        _running.discard(key)


def push(channel: str, state_name: str, method: str = "refresh_from_push",
         skip: str = "") -> None:
    """After a commit: every page watching ``channel`` (a ``state_name`` page) calls
    ``method`` to reload from the database. Runs after the current event, so two pages
    never wait on each other's lock."""
    key = (channel, state_name, method)
    _pending.add(key)
    if key in _running:
        return  # the running round will pick this change up
    with contextlib.suppress(RuntimeError):  # no running loop: nothing is watching live
        _running.add(key)
        task = asyncio.get_running_loop().create_task(_flush(key, skip))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
