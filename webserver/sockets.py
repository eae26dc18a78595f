"""A page keeps its state when the backend worker holding its websocket dies.

With several workers, Reflex notes in Redis which worker holds each page's websocket
(its "socket record"). A worker that is killed outright (out of memory, a crash) never
removes its records, so when its pages reconnect to another worker Reflex takes the
token for one already in use by a duplicated tab and hands out a new one: the page
starts again from an empty state. The console then forgets the open conversation (a
reply sent meanwhile is refused) and a page shows its defaults until it reloads (a
half-typed message is wiped).

Here each worker keeps a Redis subscription open for as long as it lives. When a page
reconnects with a token whose record names a worker without one, that worker is gone:
the record is stale, it is dropped, and the page keeps its token and its state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle

from reflex.utils.token_manager import RedisTokenManager

log = logging.getLogger("abri.sockets")
ALIVE_CHANNEL = "abri:worker-alive:{}"


class WorkerAwareTokenManager(RedisTokenManager):
    _alive_task: asyncio.Task | None = None
    _alive_for: str = ""
    _subscribed: asyncio.Event | None = None

    async def _stay_subscribed(self, instance_id: str, subscribed: asyncio.Event) -> None:
        while True:
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(ALIVE_CHANNEL.format(instance_id))
                    async for message in pubsub.listen():
                        if message["type"] == "subscribe":
                            subscribed.set()
            except Exception:
                log.warning("worker presence subscription lost, retrying", exc_info=True)
            subscribed.clear()
            await asyncio.sleep(1)

    async def _announce(self) -> None:
        """Subscribe before this worker records any socket, so a record whose worker
        has no subscriber is certainly stale."""
        if self._alive_task is None or self._alive_task.done() \
                or self._alive_for != self.instance_id:
            if self._alive_task is not None:
                self._alive_task.cancel()
            self._alive_for, self._subscribed = self.instance_id, asyncio.Event()
            self._alive_task = asyncio.create_task(
                self._stay_subscribed(self.instance_id, self._subscribed))
        await asyncio.wait_for(self._subscribed.wait(), timeout=5)

    async def _drop_if_stale(self, token: str) -> None:
        key = self._get_redis_key(token)
        raw = await self.redis.get(key)
        # Reflex pickles its records (and states) into this Redis: no new trust in it.
        owner = pickle.loads(raw).instance_id if raw else None  # noqa: S301
        if owner is None or owner == self.instance_id:
            return
        [(_channel, listeners)] = await self.redis.pubsub_numsub(ALIVE_CHANNEL.format(owner))
        if not listeners:
            await self.redis.delete(key)

    async def link_token_to_sid(self, token: str, sid: str) -> str | None:
        try:
            await self._announce()
            await self._drop_if_stale(token)
        except Exception:  # Redis trouble: Reflex's own handling decides
            log.warning("could not check the worker of a reconnecting page", exc_info=True)
        return await super().link_token_to_sid(token, sid)

    async def close(self) -> None:
        if self._alive_task is not None:
            self._alive_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._alive_task
        await super().close()
