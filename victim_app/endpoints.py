"""The victim surface's plain HTTP routes: starting or restoring an account, the
activity heartbeat and quick exit. Reflex events cannot set HttpOnly cookies, so each
is an ordinary request followed by a full page load (the websocket then reconnects
with the new cookie)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from helpline import events
from helpline.chat.quick_exit import quick_exit
from helpline.config import Settings
from helpline.db import session_scope
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.identity.staff_auth import sign_out
from uikit import live
from victim_app.news import endpoints as news_endpoints
from victim_app.routes import FrenchSlugRedirects, victim_url
from victim_app.session_start import BUSY, VictimSessionStarter, busy_page, ensure_session
from victim_app.vault import endpoints as vault_endpoints
from webserver.requests import (
    Endpoints,
    client_of,
    form_field,
    local_path,
    same_origin,
    set_session_cookie,
)


def _locale(value: object) -> str:
    return "en" if value == "en" else "fr"


def endpoints(settings: Settings) -> Endpoints:
    max_age = settings.victim_session_max_days * 86400

    async def start(request: Request) -> Response:
        """First visit: a pseudonymous account, then back to the page asked for."""
        target = local_path(request.query_params.get("next"))
        token = ensure_session(request.cookies.get(VICTIM_COOKIE), client_of(request, settings),
                               request.headers.get("user-agent"))
        if token is BUSY:  # not back to the page: it would send the visitor here again
            return busy_page("en" if target == "/en" or target.startswith("/en/") else "fr",
                             target)
        response = RedirectResponse(target, status_code=303)
        if token is not None:
            set_session_cookie(response, settings, VICTIM_COOKIE, token, max_age)
        return response

    async def restore(request: Request) -> Response:
        """Come back on any device with the recovery code."""
        form = await request.form(max_files=0, max_fields=4)
        locale = _locale(form.get("locale", "fr"))
        again = victim_url(locale, "restore")
        if not same_origin(request, settings):
            return RedirectResponse(f"{again}?error=code_wrong", status_code=303)
        try:
            with session_scope() as db:
                token = victims.restore(db, form_field(form, "code"), client_of(request, settings),
                                        request.headers.get("user-agent"))
        except victims.VictimError as refused:
            return RedirectResponse(f"{again}?error={quote(refused.code)}", status_code=303)
        response = RedirectResponse(f"{victim_url(locale, 'space')}?restored=1", status_code=303)
        set_session_cookie(response, settings, VICTIM_COOKIE, token, max_age)
        return response

    async def activity(request: Request) -> Response:
        """A heartbeat while the victim is active, so reading does not count as idle."""
        if same_origin(request, settings):
            with session_scope() as db:
                victims.resolve(db, request.cookies.get(VICTIM_COOKIE))
        return Response(status_code=204)

    async def session_exit(request: Request) -> Response:
        """Quick exit: end the victim's server session and wipe what the browser holds —
        but in the middle of a chat, keep the session (locked when it can be) so that
        coming back to « Parler » resumes it, and tell the counsellor (ADR 0011)."""
        token = request.cookies.get(VICTIM_COOKIE)
        kept = quick_exit(token) if same_origin(request, settings) else None
        response = Response(status_code=204)
        if kept:
            live.publish(events.MessagePosted(kept, sender="victim"))
            response.headers["clear-site-data"] = '"cache", "storage"'
            return response
        if same_origin(request, settings):
            sign_out(token)
        response.delete_cookie(VICTIM_COOKIE, path="/")
        response.headers["clear-site-data"] = '"cache", "cookies", "storage"'
        return response

    return Endpoints(
        routes=[Route("/api/victim/start", start, methods=["GET"]),
                Route("/api/victim/restore", restore, methods=["POST"]),
                Route("/api/victim/activity", activity, methods=["POST"]),
                Route("/api/session/exit", session_exit, methods=["POST"]),
                *vault_endpoints.endpoints(settings),
                *news_endpoints.endpoints()],
        # An old French slug under /en is redirected before any account is made for it.
        wrap=lambda inner: FrenchSlugRedirects(VictimSessionStarter(inner, settings)))
