"""At scale: Redis as Reflex's state manager and two backend workers serving the
same built app. Skipped unless TEST_REDIS_URL is set (CI sets it)."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from playwright.sync_api import expect

from harness.appserver import ROOT
from harness.procs import server_workers
from tests.e2e.pages import Console, StaffLogin, TalkPage

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_app_url(app_server, tmp_path):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    client = redis.Redis.from_url(url)
    client.ping()
    own_data = app_server.prepare_data(tmp_path)  # a database of its own: an empty queue
    yield app_server.ensure(ABRI_REDIS_URL=url, ABRI_WORKERS="2", **own_data), client, \
        app_server
    app_server.stop()  # the next test gets the default single-worker server back


def _granian_workers(pid: int) -> list[int]:
    """granian's live worker processes under the server (scripts/serve.sh runs granian
    beside the job consumer, so they are its grandchildren)."""
    found = []
    for worker in server_workers(pid):
        with contextlib.suppress(OSError):  # it may be exiting
            alive = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
            if alive and b"granian" in Path(f"/proc/{worker}/cmdline").read_bytes():
                found.append(worker)
    return found


def _worker_count(pid: int) -> int:
    return len(_granian_workers(pid))


def test_two_workers_share_state_through_redis(redis_app_url, browser) -> None:
    url, client, server = redis_app_url
    assert _worker_count(server.process.pid) == 2
    before = set(client.scan_iter(count=1000))

    # Several browsers, so their websockets land on both workers.
    for _ in range(4):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/infos")
        # The feed's cards come from the server's state, kept in Redis.
        expect(page.get_by_role("main").get_by_role("heading", level=3).first).to_be_visible()
        context.close()

    # The state of those sessions lives in Redis, not in a worker's memory.
    assert set(client.scan_iter(count=1000)) - before


def test_staff_sign_in_works_across_workers(redis_app_url, page) -> None:
    url, _client, _server = redis_app_url
    StaffLogin(page, url).sign_in("superviseur@abri.example")
    expect(page.get_by_role("heading", level=1, name="Console")).to_be_visible()
    for _ in range(3):
        page.reload()
        expect(page.get_by_text("Connecté·e : Nadia")).to_be_visible()


def test_chat_is_live_across_two_workers(redis_app_url, browser) -> None:
    """Several victims and a counsellor on a two-worker server: pushes cross workers."""
    url, _client, server = redis_app_url
    assert _worker_count(server.process.pid) == 2
    victims = []
    for n in range(3):  # enough pages that both workers hold some
        context = browser.new_context()
        page = context.new_page()
        TalkPage(page, url).start(f"bonjour {n}")
        victims.append((context, page))

    staff_ctx = browser.new_context()
    staff = staff_ctx.new_page()
    StaffLogin(staff, url).sign_in("superviseur@abri.example")
    for _ in victims:
        Console(staff).take_next()
        expect(staff.get_by_role("log")).to_contain_text("bonjour")
        text = staff.get_by_role("log").inner_text()
        n = int(text.split("bonjour ")[1][0])
        Console(staff).reply(f"réponse pour {n}")
        expect(victims[n][1].get_by_role("log")).to_contain_text(f"réponse pour {n}")
        victims[n][1].get_by_label("Ton message").fill(f"merci {n}")
        victims[n][1].get_by_role("button", name="Envoyer").click()
        expect(staff.get_by_role("log")).to_contain_text(f"merci {n}")
        Console(staff).unfold("Fin de la conversation")
        staff.locator("#wrap-outcome").select_option("listened")
        staff.get_by_label("Note de clôture").fill("Échange court")
        staff.get_by_role("button", name="Clôturer").click()
        expect(victims[n][1].get_by_text("La conversation est terminée.")).to_be_visible()
    for context, _page in victims:
        context.close()
    staff_ctx.close()


def _listening_workers(server) -> set[int]:
    """Live workers of the server that accept connections: each granian worker
    listens on the port itself, so one being respawned takes none until it does."""
    sockets = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()  # local address, state 0A (LISTEN), inode
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == server.port:
                    sockets.add(f"socket:[{fields[9]}]")
    listening = set()
    for pid in _granian_workers(server.process.pid):
        with contextlib.suppress(OSError):  # it may be exiting
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in sockets
                   for fd in os.listdir(f"/proc/{pid}/fd")):
                listening.add(pid)
    return listening


def _wait_for_two_workers(server, gone: int = 0, timeout: float = 120) -> set[int]:
    """Both workers up and listening (after a kill: granian has respawned it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = _listening_workers(server)
        if len(workers) == 2 and gone not in workers \
                and _worker_count(server.process.pid) == 2:
            return workers
        time.sleep(0.2)
    raise AssertionError(f"no two listening workers (killed: {gone}): "
                         f"{_listening_workers(server)}")


def _socket_of(page, client: redis.Redis) -> tuple[str, str]:
    """The page's Reflex client token, and the worker (Reflex instance id) holding its
    websocket as recorded in Redis ("" while it has none)."""
    from reflex.utils.token_manager import RedisTokenManager

    token = page.evaluate("window.sessionStorage.getItem('token')") or ""
    record = client.get(RedisTokenManager._token_socket_record_prefix + token)
    return token, pickle.loads(record).instance_id if record else ""


def _shows_once(page, texts: list[str], timeout: float = 30_000) -> None:
    log = page.get_by_role("log")
    for text in texts:
        expect(log.get_by_text(text, exact=True)).to_have_count(1, timeout=timeout)


def _stored_messages(server) -> list[str]:
    """Every message in the server's database, opened with the app's own code."""
    script = "\n".join([
        "import json",
        "from sqlmodel import select",
        "from helpline import crypto",
        "from helpline.chat.messages import BODY",
        "from helpline.db import session_scope",
        "from helpline.models.chat import Message",
        "with session_scope() as db:",
        "    rows = db.exec(select(Message)).all()",
        "    print(json.dumps([crypto.open_text(BODY, m.body_enc, m.conversation_id)",
        "                      for m in rows]))",
    ])
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                         env={**server.base_env, **server.overrides},
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def test_killing_a_worker_mid_conversation_loses_and_doubles_nothing(redis_app_url,
                                                                      browser) -> None:
    """A victim and a counsellor chat through two workers. Each worker in turn is killed
    outright (SIGKILL: no clean shutdown) and both sides write at once; granian respawns
    it, the pages reconnect, and every message shows exactly once on both sides."""
    url, client, server = redis_app_url
    _wait_for_two_workers(server)

    victim_ctx = browser.new_context()
    victim = victim_ctx.new_page()
    TalkPage(victim, url).start()

    staff_ctx = browser.new_context()
    staff = staff_ctx.new_page()
    StaffLogin(staff, url).sign_in("ecoutante@abri.example")
    expect(staff.get_by_role("heading", level=1, name="Console")).to_be_visible()
    for _ in range(20):  # a reload opens a new websocket: until it lands on the other worker
        if _socket_of(staff, client)[1] not in ("", _socket_of(victim, client)[1]):
            break
        staff.reload()
        expect(staff.get_by_role("heading", level=1, name="Console")).to_be_visible()
    assert "" != _socket_of(victim, client)[1] != _socket_of(staff, client)[1]

    sent: list[str] = []

    def victim_says(text: str) -> None:
        TalkPage(victim).send(text)
        sent.append(text)

    def staff_says(text: str) -> None:
        Console(staff).reply(text)
        sent.append(text)

    victim_says("Bonjour, on m'insulte sur un groupe")
    _shows_once(victim, sent)
    Console(staff).take_next()
    expect(victim.locator("#counsellor-name")).to_have_text("Camille")
    staff_says("Je suis là, raconte-moi.")
    _shows_once(victim, sent)
    victim_says("Ça dure depuis une semaine")
    _shows_once(staff, sent)

    # Kill each original worker in turn: the first holds one side's websocket, the
    # second the other side's (and by then maybe both).
    for round_, killed in enumerate(sorted(_wait_for_two_workers(server)), start=1):
        before = {"victim": _socket_of(victim, client), "staff": _socket_of(staff, client)}
        os.kill(killed, signal.SIGKILL)
        # Both write straight away, twice: a page whose socket is down queues the events
        # and sends them once it has reconnected to the worker that is left.
        victim_says(f"Écrit pendant la coupure {round_} (jeune)")
        staff_says(f"Écrit pendant la coupure {round_} (écoutante)")
        victim_says(f"Et encore un message ({round_})")
        staff_says(f"Je suis toujours là ({round_})")
        _wait_for_two_workers(server, gone=killed)
        _shows_once(victim, sent, timeout=60_000)
        _shows_once(staff, sent, timeout=60_000)

        after = {"victim": _socket_of(victim, client), "staff": _socket_of(staff, client)}
        moved = [side for side in before if before[side][1] != after[side][1]]
        assert moved, f"round {round_}: the killed worker held neither page's websocket"
        for side in moved:  # reconnected as the same page: its state was kept
            assert after[side][0] == before[side][0], f"{side} came back as a new page"

        # Live again both ways, no reload.
        staff_says(f"Tu es toujours là ? ({round_})")
        _shows_once(victim, sent)
        victim_says(f"Oui, toujours là ({round_})")
        _shows_once(staff, sent)

    for page in (victim, staff):  # the full history from the database, each message once
        page.reload()
        _shows_once(page, sent)
        expect(page.get_by_role("log").locator(".abri-message-text")).to_have_count(len(sent))
    assert sorted(_stored_messages(server)) == sorted(sent)

    Console(staff).unfold("Fin de la conversation")
    staff.locator("#wrap-outcome").select_option("listened")
    staff.get_by_label("Note de clôture").fill("Coupures du serveur pendant l'échange")
    staff.get_by_role("button", name="Clôturer").click()
    expect(victim.get_by_text("La conversation est terminée.")).to_be_visible()
    victim_ctx.close()
    staff_ctx.close()
