"""Victim URLs: French at the root, English under /en with English slugs (/en/talk,
/en/safe…); an English page asked for by its French slug redirects. The pages
themselves declare their rows (``VICTIM_PAGES.page``) where they are built."""

from __future__ import annotations

from helpline.i18n import Locale
from uikit.pages import PageRegistry
from victim_app.state import VictimState

VICTIM_PAGES = PageRegistry({"fr": "", "en": "/en"})


def victim_url(locale: Locale, page: str = "home") -> str:
    return VICTIM_PAGES.url(locale, page)


def rebuild_who(_locale: Locale) -> list:
    """The on_load of most pages: who the victim is, from the session cookie."""
    return [VictimState.hydrate]


class FrenchSlugRedirects:
    """ASGI: /en/parler (a link shared before the English slugs, or typed) → /en/talk."""

    def __init__(self, app) -> None:
        self.app = app
        self._moved: dict[str, str] | None = None

    def moved(self) -> dict[str, str]:
        if self._moved is None:  # every page is declared by the time a request comes
            self._moved = {}
            for row in VICTIM_PAGES.rows.values():
                french, english = row.slug["fr"], row.slug["en"]
                if french and french != english:
                    self._moved[f"/en/{french}"] = VICTIM_PAGES.url("en", row.key)
        return self._moved

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            target = self.moved().get(scope.get("path", "").rstrip("/"))
            if target:
                query = scope.get("query_string", b"").decode("latin-1")
                location = f"{target}?{query}" if query else target
                await send({"type": "http.response.start", "status": 308,
                            "headers": [(b"location", location.encode("latin-1")),
                                        (b"cache-control", b"no-store")]})
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)
