"""Give a first-time visitor their pseudonymous account with the page itself.

When a browser loads a victim page as a document without a live session, the
account is created and its HttpOnly cookie set on that very response, so the
websocket connects already knowing who this is: no extra reload, no lost typing.
Only real browser navigations count (Sec-Fetch-Dest: document), so crawlers and
scripts that never run the app do not mint accounts.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

import anyio

from helpline.config import Settings
from helpline.db import session_scope
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE

# Not victim pages, or pages that must not create an account (coming back with a
# code, the goodbye after erasure).
SKIPPED_PREFIXES = ("/staff", "/api", "/_event", "/_upload", "/assets", "/ping",
                    "/retrouver", "/en/retrouver", "/au-revoir", "/en/au-revoir")


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"cookie":
            try:
                morsel = SimpleCookie(value.decode("latin-1")).get(VICTIM_COOKIE)
            except CookieError:
                return None
            return morsel.value if morsel else None
    return None


def _ensure_session(token: str | None, user_agent: str | None) -> str | None:
    """A new session token if the visitor has no live one, else None."""
    with session_scope() as db:
        if victims.resolve(db, token, touch=False) is not None:
            return None
        return victims.start(db, user_agent)


class VictimSessionStarter:
    def __init__(self, app, settings: Settings) -> None:
        self.app = app
        self.secure = "; Secure" if settings.secure_cookies else ""
        self.max_age = settings.victim_session_max_days * 86400

    def _wants_session(self, scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path: str = scope.get("path", "")
        if path.startswith(SKIPPED_PREFIXES) or "." in path.rsplit("/", 1)[-1]:
            return False
        headers = dict(scope.get("headers", []))
        return headers.get(b"sec-fetch-dest") == b"document"

    async def __call__(self, scope, receive, send) -> None:
        if not self._wants_session(scope):
            await self.app(scope, receive, send)
            return
        user_agent = dict(scope["headers"]).get(b"user-agent", b"").decode("latin-1")
        token = await anyio.to_thread.run_sync(_ensure_session, _cookie(scope["headers"]),
                                               user_agent)
        if token is None:
            await self.app(scope, receive, send)
            return
        cookie = (f"{VICTIM_COOKIE}={token}; Path=/; Max-Age={self.max_age}; HttpOnly; "
                  f"SameSite=Strict{self.secure}").encode()

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message,
                           "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)
