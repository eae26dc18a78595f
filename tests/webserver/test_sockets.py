"""A page reconnecting after its worker died keeps its token (and so its state); a
duplicated tab, while the first page's worker lives, still gets a token of its own.
Needs TEST_REDIS_URL."""

from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis.asyncio as aioredis

from webserver.sockets import ALIVE_CHANNEL, WorkerAwareTokenManager

pytestmark = pytest.mark.redis


async def _scenario(url: str) -> None:
    first = WorkerAwareTokenManager(aioredis.Redis.from_url(url))
    other = WorkerAwareTokenManager(aioredis.Redis.from_url(url))
    token = str(uuid.uuid4())
    tokens = {token}
    try:
        assert await first.link_token_to_sid(token, "sid-1") is None
        duplicate = await other.link_token_to_sid(token, "sid-2")  # first worker alive
        assert duplicate not in (None, token)
        tokens.add(duplicate)

        await first.close()  # gone without removing its records, like a killed worker
        channel = ALIVE_CHANNEL.format(first.instance_id)
        while (await other.redis.pubsub_numsub(channel))[0][1]:
            await asyncio.sleep(0.05)
        assert await other.link_token_to_sid(token, "sid-3") is None  # the same page
        assert other.token_to_socket[token].sid == "sid-3"
    finally:
        await other.redis.delete(*(other._get_redis_key(t) for t in tokens))
        await other.close()


def test_a_page_keeps_its_token_when_its_worker_died() -> None:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    # A loop of its own: Playwright's sync API may hold this thread's loop in a full run.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _scenario(url)).result()
