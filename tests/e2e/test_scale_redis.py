"""At scale: Redis as Reflex's state manager and two backend workers serving the
same built app. Skipped unless TEST_REDIS_URL is set (CI sets it)."""

from __future__ import annotations

import os
import subprocess

import pytest
import redis
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

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


def _worker_count(pid: int) -> int:
    out = subprocess.run(["ps", "--ppid", str(pid), "-o", "stat=,args="],
                         capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if "granian" in line and not line.startswith("Z"))


def test_two_workers_share_state_through_redis(redis_app_url, browser) -> None:
    url, client, server = redis_app_url
    assert _worker_count(server.process.pid) == 2
    before = set(client.scan_iter(count=1000))

    # Several browsers, so their websockets land on both workers.
    for _ in range(4):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/infos")
        expect(page.get_by_text("Garder des preuves avant qu'elles disparaissent")) \
            .to_be_visible()
        context.close()

    # The state of those sessions lives in Redis, not in a worker's memory.
    assert set(client.scan_iter(count=1000)) - before


def test_staff_sign_in_works_across_workers(redis_app_url, page) -> None:
    url, _client, _server = redis_app_url
    sign_in(page, url, "superviseur@abri.example")
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
        page.goto(url + "/parler")
        page.wait_for_load_state("networkidle")
        page.locator("#chat-consent").check()
        page.get_by_role("button", name="Parler à un écoutant").click()
        page.get_by_label("Ton message").fill(f"bonjour {n}")
        page.get_by_role("button", name="Envoyer").click()
        expect(page.get_by_role("log")).to_contain_text(f"bonjour {n}")
        victims.append((context, page))

    staff_ctx = browser.new_context()
    staff = staff_ctx.new_page()
    sign_in(staff, url, "superviseur@abri.example")
    for _ in victims:
        staff.get_by_role("button", name="Prendre la suivante").click()
        expect(staff.get_by_role("log")).to_contain_text("bonjour")
        text = staff.get_by_role("log").inner_text()
        n = int(text.split("bonjour ")[1][0])
        staff.get_by_label("Réponse", exact=True).fill(f"réponse pour {n}")
        staff.get_by_role("button", name="Envoyer").click()
        expect(victims[n][1].get_by_role("log")).to_contain_text(f"réponse pour {n}")
        victims[n][1].get_by_label("Ton message").fill(f"merci {n}")
        victims[n][1].get_by_role("button", name="Envoyer").click()
        expect(staff.get_by_role("log")).to_contain_text(f"merci {n}")
        staff.locator("#wrap-outcome").select_option("listened")
        staff.get_by_label("Note de clôture").fill("Échange court")
        staff.get_by_role("button", name="Clôturer").click()
        expect(victims[n][1].get_by_text("La conversation est terminée.")).to_be_visible()
    for context, _page in victims:
        context.close()
    staff_ctx.close()
