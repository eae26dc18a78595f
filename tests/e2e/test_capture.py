"""Link capture in Chromium, with the job queue's consumer running: a link to a local
test page (allowed only by the test settings) becomes « Page capturée » on its own (the
page polls while the capture is pending) and its screenshot shows; a page behind a
sign-in form fails, said in words, with the advice to add a screenshot instead."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.pages.vault import VaultPage
from tests.e2e.test_accessibility import BLOCKING, audit

SHOTS = Path("/work/shots/capture")
POST = ("<!doctype html><html lang=fr><head><meta charset=utf-8><title>Post</title>"
        "<style>body{font-family:sans-serif;margin:0;padding:2rem;background:#fdf3e7}"
        "h1{color:#8a1c1c}</style></head><body><h1>Message public de @quelquun</h1>"
        "<p>Ce texte blessant est en ligne depuis ce matin.</p>"
        + "<p>…</p>" * 20 + "</body></html>").encode()
LOGIN = (b"<!doctype html><title>Connexion</title><form><input name=u>"
         b"<input type=password name=p><button>Se connecter</button></form>")


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = {"/post": POST, "/login": LOGIN}.get(self.path, b"no")
        self.send_response(200 if self.path in ("/post", "/login") else 404)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def capture_url(app_server) -> Iterator[str]:
    """The suite's server, with the job consumer and leave to fetch the test pages on
    127.0.0.1; the next test gets the default server back."""
    yield app_server.ensure(ABRI_JOBS_CONSUMER="1", ABRI_NET_ALLOW_LOOPBACK="1",
                            ABRI_NET_PORTS="[]")
    app_server.stop()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    screenshot(page, f"capture-{name}")


def _add(safe: VaultPage, url: str) -> None:
    safe.add_link(url)
    safe.save_link()


def test_a_link_is_captured_and_its_screenshot_shown(page, capture_url, pages,
                                                    console_errors) -> None:
    page.set_viewport_size(PHONE)
    safe = VaultPage(page, capture_url).open()
    _add(safe, f"{pages}/post")
    row = page.locator("[data-item-id]").first
    badge = row.locator("[data-capture-state]")
    expect(badge).to_have_text("Capture en cours…", timeout=10_000)
    _shot(page, "1-pending")
    expect(badge).to_have_text("Page capturée", timeout=90_000)
    expect(row.locator("img.vault-capture-mini")).to_be_visible()
    _shot(page, "2-captured-list")
    row.get_by_role("button").first.click()
    shot = page.get_by_role("img", name="Capture d'écran de la page")
    expect(shot).to_be_visible()
    assert shot.evaluate("i => i.complete && i.naturalWidth") > 300
    expect(page.locator(".vault-capture dd").filter(has_text=f"{pages}/post")).to_be_visible()
    expect(page.get_by_text("Page capturée", exact=True).last).to_be_visible()
    _shot(page, "3-captured-detail")
    # Each part of the capture is a file of its own to keep or hand over.
    for name in ("Capture de la page", "PDF de la page", "Réponse du site", "Page reçue (HTML)"):
        expect(page.get_by_role("link", name=f"Télécharger : {name}")).to_be_visible()
    with page.expect_download() as got:
        page.get_by_role("link", name="Télécharger : PDF de la page").click()
    assert got.value.suggested_filename.endswith(".pdf")
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF")
    assert console_errors == []  # the poll script and the data: images pass the CSP


def test_a_sign_in_page_fails_and_says_what_to_do(page, capture_url, pages) -> None:
    page.set_viewport_size(PHONE)
    safe = VaultPage(page, capture_url).open()
    _add(safe, f"{pages}/login")
    row = page.locator("[data-item-id]").first
    expect(row.locator("[data-capture-state]")).to_have_text("Capture impossible",
                                                             timeout=90_000)
    row.get_by_role("button").first.click()
    expect(page.get_by_text("La page demande de se connecter", exact=False)).to_be_visible()
    expect(page.get_by_text("Fais une capture d'écran de la page", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Capturer la page")).to_be_visible()
    _shot(page, "4-failed-detail")


def test_the_capture_states_have_no_serious_accessibility_violation(browser, capture_url,
                                                                    pages) -> None:
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    try:
        safe = VaultPage(page, capture_url).open()
        _add(safe, f"{pages}/post")
        row = page.locator("[data-item-id]").first
        expect(row.locator("[data-capture-state]")).to_have_text("Page capturée",
                                                                 timeout=90_000)
        found = [(v["id"], v["nodes"]) for v in audit(page) if v["impact"] in BLOCKING]
        row.get_by_role("button").first.click()
        expect(page.get_by_role("img", name="Capture d'écran de la page")).to_be_visible()
        found += [(v["id"], v["nodes"]) for v in audit(page) if v["impact"] in BLOCKING]
        page.get_by_role("button", name="Retour à la liste").click()
        _add(safe, f"{pages}/login")
        row = page.locator("[data-item-id]").first
        expect(row.locator("[data-capture-state]")).to_have_text("Capture impossible",
                                                                 timeout=90_000)
        row.get_by_role("button").first.click()
        expect(page.get_by_role("button", name="Capturer la page")).to_be_visible()
        found += [(v["id"], v["nodes"]) for v in audit(page) if v["impact"] in BLOCKING]
        # The « saved » notice's green callout (the page's, not the capture's) is
        # 4.28:1; reported to the page's owners, left out here.
        found = [(i, [n for n in nodes if not n.startswith(".rt-CalloutText")])
                 for i, nodes in found]
        assert [(i, nodes) for i, nodes in found if nodes] == []
    finally:
        context.close()
