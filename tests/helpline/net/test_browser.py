"""Chromium under the client's rules: a local page whose subresources, fetches,
websocket, frame, preconnect and redirect point at refused addresses; none of them
reaches the listeners placed there."""

from __future__ import annotations

import concurrent.futures
import contextlib
import socket
import time
from collections.abc import Iterator

import pytest

from helpline.net.browser import guard_page, guarded_context, launch_chromium
from tests.helpline.net.conftest import _Pages, _serve

pytestmark = pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/chromium"),
                                reason="needs Debian's Chromium")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def _capture_page(inward: int) -> bytes:
    """A page on 127.0.0.1 that reaches for 127.0.0.2 and ::1 on port ``inward``."""
    return f"""<!doctype html><html><head><title>Le post</title>
<link rel="preconnect" href="http://127.0.0.2:{inward}">
<link rel="dns-prefetch" href="http://twin.example:{inward}">
<link rel="stylesheet" href="http://[::1]:{inward}/s.css">
<script src="http://2130706434:{inward}/x.js"></script>
</head><body><h1>Le message</h1>
<img id="ok" src="/ok.png">
<img src="http://127.0.0.2:{inward}/img.png">
<img src="http://[::ffff:127.0.0.2]:{inward}/mapped.png">
<img src="/redirect?to=http://127.0.0.2:{inward}/r.png">
<iframe src="http://127.0.0.2:{inward}/frame"></iframe>
<script>
fetch("http://127.0.0.2:{inward}/xhr").catch(() => {{}});
try {{ new WebSocket("ws://127.0.0.2:{inward}/ws"); }} catch (e) {{}}
try {{ new WebSocket("ws://" + location.host + "/ws"); }} catch (e) {{}}
navigator.sendBeacon && navigator.sendBeacon("http://127.0.0.2:{inward}/beacon", "x");
try {{
  const pc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.2:{inward}"}},
    {{urls: "turn:127.0.0.2:{inward}?transport=tcp", username: "u", credential: "c"}}]}});
  pc.createDataChannel("x");
  pc.createOffer().then(offer => pc.setLocalDescription(offer));
}} catch (e) {{}}
try {{ new WebTransport("https://127.0.0.2:{inward}/wt"); }} catch (e) {{}}
const worker = `fetch("http://127.0.0.2:{inward}/worker").catch(() => {{}});
  try {{ new WebSocket("ws://127.0.0.2:{inward}/worker-ws"); }} catch (e) {{}}`;
try {{ new Worker(URL.createObjectURL(new Blob([worker]))); }} catch (e) {{}}
</script></body></html>""".encode()


@pytest.fixture
def capture_site(listeners) -> Iterator[tuple]:
    inward = listeners.port

    class Site(_Pages):
        seen: list[dict] = []

        def do_GET(self) -> None:
            if self.path == "/capture":
                self.seen.append({"path": self.path, "headers": dict(self.headers.items())})
                self._send(200, _capture_page(inward), {"Content-Type": "text/html"})
            elif self.path == "/ok.png":
                self.seen.append({"path": self.path, "headers": dict(self.headers.items())})
                self._send(200, b"GIF89a", {"Content-Type": "image/gif"})
            else:
                super().do_GET()

    server = _serve(Site)
    yield server.server_address[1], Site.seen
    server.shutdown()
    server.server_close()


def _run(url: str):
    """In a thread of its own: in a full run Playwright's sync API already holds this
    thread's event loop (the end-to-end tests' browser), and refuses a second one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(_browse, url).result()


def _browse(url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p, args=CHROMIUM_ARGS)
        try:
            context, guard = guarded_context(browser)
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=20000)
            page.wait_for_timeout(500)  # the script's fetch, beacon and websockets
            title = page.title()
            ok_loaded = page.evaluate("document.getElementById('ok').naturalWidth >= 0")
            context.close()
        finally:
            browser.close()
    return guard, title, ok_loaded


def _datagrams(sock: socket.socket) -> int:
    count = 0
    with contextlib.suppress(TimeoutError, BlockingIOError):
        while True:
            sock.recvfrom(4096)
            count += 1
    return count


def test_no_request_of_the_page_reaches_a_refused_address(
        allow_loopback, listeners, capture_site) -> None:
    port, seen = capture_site
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # WebRTC's STUN goes by UDP
    udp.bind(("127.0.0.2", listeners.port))
    udp.settimeout(0.2)
    try:
        guard, title, _ = _run(f"http://127.0.0.1:{port}/capture")
        assert title == "Le post"
        assert {s["path"] for s in seen} >= {"/capture", "/ok.png"}
        time.sleep(0.5)
        assert listeners.connections == 0
        assert _datagrams(udp) == 0  # measured 2-3 without the WebRTC launch argument
    finally:
        udp.close()
    refused = {url for url, _code in guard.refused}
    inward = listeners.port
    for url in (f"http://127.0.0.2:{inward}/img.png", f"http://[::1]:{inward}/s.css",
                f"http://127.0.0.2:{inward}/x.js", f"http://127.0.0.2:{inward}/xhr",
                f"http://127.0.0.2:{inward}/frame", f"http://127.0.0.2:{inward}/beacon",
                f"http://127.0.0.1:{port}/redirect?to=http://127.0.0.2:{inward}/r.png",
                f"ws://127.0.0.2:{inward}/ws"):
        assert url in refused, (url, sorted(refused))
    assert all(code == "address_refused" for url, code in guard.refused
               if "127.0.0.2" in url or "[::1]" in url)
    assert f"ws://127.0.0.1:{port}/ws" in refused  # no websocket at all, pinned
    assert f"http://127.0.0.2:{inward}/worker" in refused  # a worker's fetch is routed
    # (a worker's websocket and WebTransport are not: the launch arguments stop those)


def test_pinned_the_browser_never_resolves_a_name_itself(
        allow_loopback, listeners, capture_site, resolver) -> None:
    """The page's name is resolved by the client (once), never by Chromium: a name
    only the test resolver knows still loads, from the checked address."""
    port, seen = capture_site
    resolver.set("post.example", ["127.0.0.1"])  # unknown to the system resolver
    guard, title, _ = _run(f"http://post.example:{port}/capture")
    assert title == "Le post"
    assert seen[0]["headers"]["Host"] == f"post.example:{port}"
    assert f"http://post.example:{port}/ok.png" in guard.allowed
    assert resolver.calls["post.example"] >= 2  # each request resolved (and checked)
    time.sleep(0.2)
    assert listeners.connections == 0


def test_guard_needs_websocket_routing() -> None:
    class OldContext:
        def route(self, *_args) -> None:
            raise AssertionError("must not half-guard")

    with pytest.raises(RuntimeError, match="websockets"):
        guard_page(OldContext())

