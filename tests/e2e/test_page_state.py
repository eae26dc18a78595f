"""A page's state belongs to its session (ADR 0008), over real sockets, on each of
Reflex's state managers: memory (one worker) and Redis (when TEST_REDIS_URL is set).

Each scenario first shows the secret is on the legitimate page, then tries to get it
back the way an attacker could: the page's token alone (read from a log, say), after
the space was locked, after staff signed out."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis

from staff_app.console.state import ConsoleState
from tests.e2e.socket_client import Page, staff_cookie, victim_cookie
from victim_app.chat.state import ChatState
from victim_app.space.state import SpaceState

GRACE = 2  # seconds a closed page's state is kept, on these servers


@pytest.fixture(params=["memory", "redis"])
def served(request, app_server, tmp_path):
    """(url, redis client or None, this server's log as text) for a server with a
    database of its own."""
    settings = {**app_server.prepare_data(tmp_path), "ABRI_CLOSED_PAGE_FORGET_SECONDS": str(GRACE),
                "ABRI_LOG_LEVEL": "debug"}
    client = None
    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        if not url:
            pytest.skip("TEST_REDIS_URL is not set")
        client = redis.Redis.from_url(url)
        settings.update(ABRI_REDIS_URL=url, ABRI_WORKERS="2")
    before = set(app_server.log_dir.glob("server-*.log"))
    url = app_server.ensure(**settings)

    def log_text() -> str:
        return "\n".join(p.read_text(errors="replace") for p in
                         sorted(set(app_server.log_dir.glob("server-*.log")) - before))

    yield url, client, log_text
    app_server.stop()  # the next test gets the default server back


def run(scenario) -> None:
    # A loop of its own: Playwright's sync API may hold this thread's loop in a full run.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, scenario).result()


async def _victim_in_conversation(url: str, secret: str) -> tuple[Page, Page]:
    """A victim who wrote ``secret`` and the counsellor who took the conversation; both
    pages have it on screen."""
    victim = await Page(url, victim_cookie(url)).open()
    await victim.emit(ChatState, "load", path="/parler")
    await victim.emit(ChatState, "start", {"form": {"consent": "on"}}, "/parler")
    await victim.emit(ChatState, "send", {"form": {"text": secret, "send_id": "m1"}}, "/parler")
    assert await victim.wait_for(secret), "the victim should see their message"
    staff = await Page(url, staff_cookie(url, "ecoutante@abri.example")).open()
    await staff.emit(ConsoleState, "load", path="/staff")
    await staff.emit(ConsoleState, "take_next", path="/staff")
    assert await staff.wait_for(secret), "the counsellor should see the message"
    return victim, staff


async def _hydrated(url: str, token: str, cookie: str = "") -> str:
    page = await Page(url, cookie, token).open()
    await page.hydrate()
    seen = await page.settle()
    await page.close()
    return seen


def test_a_token_alone_opens_no_page(served) -> None:
    url, _redis, _logs = served
    secret = "secret-token-only-41d7"

    async def scenario() -> None:
        victim, staff = await _victim_in_conversation(url, secret)
        await victim.close()
        await staff.close()
        other_victim = victim_cookie(url)
        for token in (victim.token, staff.token):
            assert secret not in await _hydrated(url, token), "no cookie at all"
            assert secret not in await _hydrated(url, token, other_victim), "another victim"
        # The victim, coming back with their own cookie, still finds the conversation.
        page = await Page(url, victim.cookie, victim.token).open()
        await page.emit(ChatState, "load", path="/parler")
        assert secret in await page.settle()
        await page.close()

    run(scenario())


def test_locking_clears_the_page(served) -> None:
    url, _redis, _logs = served
    secret = "secret-before-lock-93ab"

    async def scenario() -> None:
        victim, staff = await _victim_in_conversation(url, secret)
        await staff.close()
        await victim.emit(SpaceState, "save_pin", {"form": {"pin": "2580"}}, "/mon-espace")
        await victim.settle(0.5)
        victim.received.clear()
        await victim.emit(SpaceState, "lock_now", path="/mon-espace")
        await victim.emit(ChatState, "load", path="/parler")  # refused: locked
        assert secret not in await victim.settle()
        await victim.close()
        # Reloaded on the locked phone: the lock screen, and nothing behind it.
        seen = await _hydrated(url, victim.token, victim.cookie)
        assert secret not in seen and '"locked_rx_state_":true' in seen.replace(" ", "")

    run(scenario())


def test_staff_sign_out_clears_the_page(served) -> None:
    url, _redis, _logs = served
    secret = "secret-before-sign-out-5c20"

    async def scenario() -> None:
        victim, staff = await _victim_in_conversation(url, secret)
        await victim.close()
        await staff.close()
        httpx.post(url + "/api/staff/logout", headers={"cookie": staff.cookie,
                   "sec-fetch-site": "same-origin"}, data={"locale": "fr"})
        # The login page loads on the same tab: with the cookie gone, or still sent.
        assert secret not in await _hydrated(url, staff.token)
        assert secret not in await _hydrated(url, staff.token, staff.cookie)

    run(scenario())


def test_a_closed_page_is_forgotten(served) -> None:
    url, client, logs = served
    secret = "secret-closed-tab-0e6f"

    async def scenario() -> None:
        victim, staff = await _victim_in_conversation(url, secret)
        await victim.close()
        await asyncio.sleep(GRACE + 1.5)
        # A reply now pushes to no page: the closed one stopped watching.
        await staff.emit(ConsoleState, "send", {"form": {"text": "tu es là ?",
                                                         "send_id": "r1"}}, "/staff")
        await staff.settle()
        await staff.close()
        if client is not None:  # nothing decrypted is left under the token in Redis
            for key in client.scan_iter(match=f"{victim.token}*", count=1000):
                assert secret.encode() not in (client.get(key) or b""), key
        assert "disconnected client" not in logs()

    run(scenario())


def test_no_token_cookie_or_text_in_the_log(served) -> None:
    url, _redis, logs = served
    secret = "secret-in-a-failing-event-77e1"

    async def scenario() -> None:
        victim, staff = await _victim_in_conversation(url, secret)
        # Failure paths that make Reflex log: an event for no handler, a payload of the
        # wrong shape, a string instead of an event, a push to a page just closed.
        await victim.emit(ChatState, "no_such_handler", {"form": {"text": secret}}, "/parler")
        await victim.emit(ChatState, "send", {"form": secret}, "/parler")
        await victim.sio.emit("event", f'{{"name": "x", "payload": "{secret}"}}',
                              namespace="/_event")
        await victim.sio.emit("event", ["not", "an", "event", secret], namespace="/_event")
        await victim.settle()
        await victim.close()
        await staff.emit(ConsoleState, "send", {"form": {"text": secret + "-reply",
                                                         "send_id": "r2"}}, "/staff")
        await staff.settle()
        await staff.close()
        text = logs()
        cookies = [c.split("=", 1)[1] for c in (victim.cookie, staff.cookie)]
        for needle in (secret, victim.token, staff.token, *cookies):
            assert needle not in text, f"{needle[:12]}… is in the server log"

    run(scenario())
