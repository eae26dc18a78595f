"""Abri's composition root: builds the Reflex app and mounts the enabled surfaces.

Wiring only. Domain rules live in helpline/, pages in victim_app/ and staff_app/.
"""

from __future__ import annotations

import importlib

import reflex as rx
from reflex.utils.token_manager import RedisTokenManager

from helpline.config import get_settings
from helpline.db import checkpoint_in_background
from helpline.keys import load_keyring
from uikit import live
from uikit.page_state import SessionBinding, forget_closed_pages
from webserver import logs
from webserver.headers import SecurityHeaders
from webserver.heap import settle_after_start
from webserver.routes import build_routes
from webserver.sockets import WorkerAwareTokenManager

logs.install()  # before anything logs: no token, cookie or message text in any line
settings = get_settings()
load_keyring(settings)  # refuse to start without an acceptable key (production)

# Only the enabled surfaces are imported: a host serving one registers nothing of the
# other (no state, no handler, no page, no route).
surfaces = [importlib.import_module(name) for name, enabled in
            (("victim_app", settings.victim_surface), ("staff_app", settings.staff_surface))
            if enabled]
endpoints = [surface.endpoints(settings) for surface in surfaces]


class AbriApp(rx.App):
    """Wraps the whole ASGI app, so security headers cover every response, CORS
    preflights and the built frontend included, and a first page load can carry
    the visitor's new session cookie."""

    def __call__(self):
        inner = super().__call__()
        sockets = self.event_namespace._token_manager if self.event_namespace else None
        if type(sockets) is RedisTokenManager:  # pages outlive a worker that dies
            self.event_namespace._token_manager = WorkerAwareTokenManager(sockets.redis)
        forget_closed_pages(self, settings.closed_page_forget_seconds, live.forget_page)
        for edge in endpoints:
            if edge.wrap is not None:  # the victim surface's first-visit session
                inner = edge.wrap(inner)
        return SecurityHeaders(inner, https=settings.secure_cookies)


app = AbriApp(
    stylesheets=["/abri.css", "/quiz.css"],
    head_components=[
        rx.el.script(src="/abri.js", defer=True),
        rx.el.meta(name="theme-color", content="#0b6e69"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
    api_transformer=build_routes(*endpoints),
    html_lang="fr",
)
app.add_middleware(SessionBinding(), index=0)  # a page's state belongs to its session


@app.register_lifespan_task
async def _settle_process() -> None:
    checkpoint_in_background()
    settle_after_start()


app.register_lifespan_task(live.hear_published_events)  # events from every worker

for surface in surfaces:
    surface.register(app)

