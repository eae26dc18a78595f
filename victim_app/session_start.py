"""Give a first-time visitor their pseudonymous account with the page itself.

When a browser loads a victim page as a document without a live session, the
account is created and its HttpOnly cookie set on that very response, so the
websocket connects already knowing who this is: no extra reload, no lost typing.
Only real browser navigations count (Sec-Fetch-Dest: document), so crawlers and
scripts that never run the app do not mint accounts; and one client address creates
at most ``victim_accounts_per_hour`` accounts, beyond which it gets a calm page
asking to come back in a few minutes (anyone can send that header).
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from http.cookies import CookieError, SimpleCookie

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse

from helpline.config import Settings, get_settings
from helpline.db import session_scope
from helpline.i18n import LOCALES, Locale, t
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.ratelimit import allow, limiter_key
from victim_app.routes import victim_url
from webserver.requests import client_of

BUSY = object()  # this address made enough accounts for now

# Not victim pages.
NOT_PAGES = ("/staff", "/api", "/_event", "/_upload", "/assets", "/ping")
NO_ACCOUNT_PAGES = ("restore", "erased")  # coming back with a code, the goodbye after erasure


def _skipped_prefixes() -> tuple[str, ...]:
    return NOT_PAGES + tuple(victim_url(locale, key) for locale in LOCALES
                             for key in NO_ACCOUNT_PAGES)


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"cookie":
            try:
                morsel = SimpleCookie(value.decode("latin-1")).get(VICTIM_COOKIE)
            except CookieError:
                return None
            return morsel.value if morsel else None
    return None


def ensure_session(token: str | None, client: str,
                   user_agent: str | None) -> str | object | None:
    """A new session token if the visitor has no live one, else None; BUSY when this
    client address already created its share of accounts this hour."""
    with session_scope() as db:
        if victims.resolve(db, token, touch=False) is not None:
            return None
        if not allow(db, limiter_key("victim-start-client", client),
                     limit=get_settings().victim_accounts_per_hour, window=timedelta(hours=1)):
            return BUSY
        return victims.start(db, user_agent)


def busy_page(locale: Locale, retry: str) -> HTMLResponse:
    """Said kindly, with where to find help now: no account was made for this visit."""
    texts = {k: escape(t(locale, f"busy.{k}")) for k in ("title", "body", "retry", "help")}
    html = (f'<!doctype html><html lang="{locale}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{texts["title"]} · Abri</title></head>'
            '<body style="font-family:system-ui,sans-serif;background:#f6f4f1;color:#1f2a30;'
            'margin:0;padding:2rem 1rem;line-height:1.5">'
            '<main style="max-width:32rem;margin:0 auto;background:#fff;border-radius:12px;'
            'padding:1.5rem">'
            f'<h1 style="font-size:1.4rem;margin-top:0">{texts["title"]}</h1>'
            f'<p>{texts["body"]}</p><p>{texts["help"]}</p>'
            f'<p><a href="{escape(retry)}" style="color:#0b6e69;font-weight:600">'
            f'{texts["retry"]}</a></p></main></body></html>')
    return HTMLResponse(html, status_code=429,
                        headers={"retry-after": "300", "cache-control": "no-store"})


class VictimSessionStarter:
    def __init__(self, app, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.secure = "; Secure" if settings.secure_cookies else ""
        self.max_age = settings.victim_session_max_days * 86400
        self.skipped = _skipped_prefixes()

    def _wants_session(self, scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path: str = scope.get("path", "")
        if path.startswith(self.skipped) or "." in path.rsplit("/", 1)[-1]:
            return False
        headers = dict(scope.get("headers", []))
        return headers.get(b"sec-fetch-dest") == b"document"

    async def __call__(self, scope, receive, send) -> None:
        if not self._wants_session(scope):
            await self.app(scope, receive, send)
            return
        user_agent = dict(scope["headers"]).get(b"user-agent", b"").decode("latin-1")
        token = await anyio.to_thread.run_sync(
            ensure_session, _cookie(scope["headers"]), client_of(Request(scope), self.settings),
            user_agent)
        if token is BUSY:
            path = scope.get("path", "/")
            locale = "en" if path == "/en" or path.startswith("/en/") else "fr"
            await busy_page(locale, path)(scope, receive, send)
            return
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
