"""The headless browser under the client's rules: every request a captured page makes
(the page, its subresources, its scripts' fetches, its websockets) is judged by the
same code path as ``fetch`` (``check_url``, which ``request_allowed`` also runs).

``guard_page(context)`` (or a page: its context is guarded) installs the rule with
Playwright's sync API; ``launch_chromium`` and ``guarded_context`` also put the launch
arguments and context options below in place, so use those. Chromium opens no
connection of its own: each request is made by ``fetch`` (resolved once, connected to
the checked address, every redirect hop checked, capped in time and size, no cookies
sent) and its answer handed to the page with ``route.fulfill``; a refused one is
aborted. Websockets are closed (refused ones by the rule, the others because no pinned
websocket client is written, and a capture does not need one).

Why not simply abort the refused requests and let the others go on
(``route.continue_``)? Measured here with Chromium: a redirect's next hop is not shown
to the route handler, and preconnects are not routed at all, so a page on an allowed
host reached a listener on 127.0.0.2 twice; and Chromium would resolve each name again
itself, after the check (rebinding). Fulfilling every request without the launch
arguments below still let the preconnect through (once). Hence:

- a redirect is followed by the client, and the page receives the final answer (under
  the URL it asked for: navigate the main page to ``fetch(url).final_url`` first);
- Chromium is launched with ``PINNED_LAUNCH_ARGS``: what Playwright does not route
  (preconnect, DNS prefetch, WebRTC's STUN and TURN, anything else) goes to a dead
  proxy, never to a target (measured: without them a preconnect reached 127.0.0.2 over
  TCP, and STUN over UDP);
- the context is created with ``CONTEXT_OPTIONS``: a service worker's requests are not
  routed, so service workers are blocked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from helpline.net.addresses import FetchRefused, request_allowed
from helpline.net.client import USER_AGENT, fetch

log = logging.getLogger("abri.net")

# Chromium's own connections (preconnect, prefetch, anything not routed) go to a proxy
# that cannot be reached: its name is in .invalid and Chromium resolves no name at all
# (``MAP * ~NOTFOUND``), so no port on this machine, even one some local service listens
# on, ever gets them. ``<-loopback>`` removes Chromium's implicit bypass for loopback.
# Routed requests are fulfilled before any proxy or resolver is involved. WebRTC (STUN
# over UDP, TURN) is not routed either: it may only go through the (dead) proxy.
DEAD_PROXY = "http://unreachable.invalid:9"
PINNED_LAUNCH_ARGS = [f"--proxy-server={DEAD_PROXY}", "--proxy-bypass-list=<-loopback>",
                      "--host-resolver-rules=MAP * ~NOTFOUND",
                      "--disable-background-networking", "--dns-prefetch-disable",
                      "--disable-quic", "--no-pings",
                      "--webrtc-ip-handling-policy=disable_non_proxied_udp"]
CONTEXT_OPTIONS: dict[str, Any] = {"service_workers": "block", "user_agent": USER_AGENT,
                                   "accept_downloads": False}

MAX_REQUESTS = 500  # per guarded context: a page that never stops asking is cut off
# URLs that never leave the browser.
_LOCAL_SCHEMES = ("data:", "blob:", "about:")
_ABORT_CODES = {"resolve_failed": "namenotresolved", "timeout": "timedout",
                "connect_failed": "connectionfailed", "tls_failed": "failed",
                "http_error": "failed", "too_big": "failed"}
# Response headers that describe the connection, not the answer handed to the page.
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length",
                "proxy-connection", "trailer", "upgrade"}


@dataclass
class Guard:
    """What the guard let through and refused, for the capture's record."""

    allowed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, code)

    def _refuse(self, url: str, refusal: FetchRefused) -> str:
        self.refused.append((url, refusal.code))
        log.info("browser request refused: %s", refusal.code)  # no URL in the logs (G1)
        return _ABORT_CODES.get(refusal.code, "blockedbyclient")

    def on_request(self, route: Any) -> None:
        request = route.request
        url = request.url
        if url.startswith(_LOCAL_SCHEMES):
            route.continue_()  # never leaves the browser
            return
        if len(self.allowed) >= MAX_REQUESTS:
            route.abort(self._refuse(url, FetchRefused("too_big", "too many requests")))
            return
        try:  # fetch checks the URL itself (check_url, as request_allowed): one lookup
            result = fetch(url, method=request.method, headers=request.headers,
                           content=request.post_data_buffer)
        except FetchRefused as refusal:
            route.abort(self._refuse(url, refusal))
            return
        self.allowed.append(url)
        headers: dict[str, str] = {}
        for name, value in result.headers:
            key = name.lower()
            if key in _HOP_HEADERS:
                continue
            joiner = "\n" if key == "set-cookie" else ", "
            headers[key] = f"{headers[key]}{joiner}{value}" if key in headers else value
        route.fulfill(status=result.status, headers=headers, body=result.body)

    def on_websocket(self, ws: Any) -> None:
        verdict = request_allowed(ws.url)
        if verdict is not True:
            self._refuse(ws.url, verdict)
            ws.close(code=1008, reason="refused")
        else:
            self._refuse(ws.url, FetchRefused("scheme_refused", "no pinned websockets"))
            ws.close(code=1008, reason="refused")


def guard_page(page_or_context: Any) -> Guard:
    """Route every request of this browser context (a page's context when given a page)
    through the client's rules; returns the record of what was let through."""
    context = page_or_context.context if hasattr(page_or_context, "goto") else page_or_context
    if not hasattr(context, "route_web_socket"):  # Playwright < 1.48: fail closed
        raise RuntimeError("this Playwright cannot route websockets; capture refused")
    guard = Guard()
    context.route("**/*", guard.on_request)
    context.route_web_socket("**/*", guard.on_websocket)
    return guard


def launch_chromium(playwright: Any, *, executable_path: str = "/usr/bin/chromium",
                    args: list[str] | None = None, **options: Any) -> Any:
    """Debian's Chromium, launched so that nothing it does unrouted reaches a target."""
    wanted = [*(args or []), *(a for a in PINNED_LAUNCH_ARGS if a not in (args or []))]
    return playwright.chromium.launch(executable_path=executable_path, args=wanted,
                                      **options)


def guarded_context(browser: Any, **options: Any) -> tuple[Any, Guard]:
    """A new browser context with service workers blocked and every request guarded."""
    context = browser.new_context(**{**options, **CONTEXT_OPTIONS})
    return context, guard_page(context)
