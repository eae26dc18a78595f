"""Plain HTTP routes that set or clear Abri's HttpOnly session cookies.

Reflex events run over the websocket and cannot set HttpOnly cookies, so starting
or restoring a victim's account, staff sign-in (password or OpenID Connect),
sign-out and quick exit are ordinary requests handled here, each followed by a full
page load so the websocket reconnects with the new cookie.
"""

from __future__ import annotations

import math
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from helpline import crypto
from helpline.config import Settings
from helpline.db import session_scope
from helpline.identity import victims
from helpline.identity.sessions import STAFF_COOKIE, VICTIM_COOKIE
from helpline.identity.staff_auth import SignInRefused, sign_in_local, sign_out
from webserver.oidc import oidc_routes
from webserver.requests import (
    client_of,
    local_path,
    same_origin,
    set_session_cookie,
    staff_home,
    victim_prefix,
)
from webserver.victim_session import BUSY, busy_page, ensure_session

MAX_FIELD = 512  # nobody's email, password or code is longer; refuse to hash megabytes


def _field(form, name: str) -> str:
    value = form.get(name, "")
    return value[:MAX_FIELD + 1] if isinstance(value, str) else ""


def build_routes(settings: Settings) -> Starlette:
    staff_max_age = settings.staff_session_max_hours * 3600
    victim_max_age = settings.victim_session_max_days * 86400

    async def staff_login(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=8)
        locale = "en" if form.get("locale") == "en" else "fr"
        home = staff_home(locale)
        email, password, code = (_field(form, n) for n in ("email", "password", "code"))
        reason = "failed"
        if same_origin(request, settings) and 0 < len(email) <= MAX_FIELD \
                and 0 < len(password) <= MAX_FIELD:
            try:
                token = sign_in_local(email, password, code, client_of(request, settings))
            except SignInRefused as refused:
                reason = refused.code
                if refused.wait:  # said in words on the page
                    reason += f"&wait={math.ceil(refused.wait.total_seconds())}"
            else:
                response = RedirectResponse(home, status_code=303)
                set_session_cookie(response, settings, STAFF_COOKIE, token, staff_max_age)
                return response
        return RedirectResponse(f"{home}/login?error={reason}", status_code=303)

    async def staff_logout(request: Request) -> Response:
        if same_origin(request, settings):
            sign_out(request.cookies.get(STAFF_COOKIE))
        form = await request.form(max_files=0, max_fields=4)
        response = RedirectResponse(f"{staff_home(str(form.get('locale', 'fr')))}/login",
                                    status_code=303)
        response.delete_cookie(STAFF_COOKIE, path="/")
        return response

    async def victim_start(request: Request) -> Response:
        """First visit: a pseudonymous account, then back to the page asked for."""
        target = local_path(request.query_params.get("next"))
        token = ensure_session(request.cookies.get(VICTIM_COOKIE), client_of(request, settings),
                               request.headers.get("user-agent"))
        if token is BUSY:  # not back to the page: it would send the visitor here again
            return busy_page("en" if target == "/en" or target.startswith("/en/") else "fr",
                             target)
        response = RedirectResponse(target, status_code=303)
        if token is not None:
            set_session_cookie(response, settings, VICTIM_COOKIE, token, victim_max_age)
        return response

    async def victim_restore(request: Request) -> Response:
        """Come back on any device with the recovery code."""
        form = await request.form(max_files=0, max_fields=4)
        prefix = victim_prefix(str(form.get("locale", "fr")))
        if not same_origin(request, settings):
            return RedirectResponse(f"{prefix}/retrouver?error=code_wrong", status_code=303)
        try:
            with session_scope() as db:
                token = victims.restore(db, _field(form, "code"), client_of(request, settings),
                                        request.headers.get("user-agent"))
        except victims.VictimError as refused:
            return RedirectResponse(f"{prefix}/retrouver?error={quote(refused.code)}",
                                    status_code=303)
        response = RedirectResponse(f"{prefix}/espace?restored=1", status_code=303)
        set_session_cookie(response, settings, VICTIM_COOKIE, token, victim_max_age)
        return response

    async def victim_activity(request: Request) -> Response:
        """A heartbeat while the victim is active, so reading does not count as idle."""
        if same_origin(request, settings):
            with session_scope() as db:
                victims.resolve(db, request.cookies.get(VICTIM_COOKIE))
        return Response(status_code=204)

    async def session_exit(request: Request) -> Response:
        """Quick exit: end the victim's server session and wipe what the browser holds."""
        if same_origin(request, settings):
            sign_out(request.cookies.get(VICTIM_COOKIE))
        response = Response(status_code=204)
        response.delete_cookie(VICTIM_COOKIE, path="/")
        response.headers["clear-site-data"] = '"cache", "cookies", "storage"'
        return response

    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes = [Route("/api/health", health, methods=["GET"])]
    middleware: list[Middleware] = []
    if settings.staff_surface:
        routes += [
            Route("/api/staff/login", staff_login, methods=["POST"]),
            Route("/api/staff/logout", staff_logout, methods=["POST"]),
        ]
        if settings.oidc_enabled:
            routes += oidc_routes(settings, staff_max_age)
            # Holds only the OIDC state, nonce and PKCE verifier between the two
            # redirects; Lax so the provider's redirect back carries it.
            middleware.append(Middleware(
                SessionMiddleware, secret_key=crypto.derive("oidc-flow-cookie").hex(),
                session_cookie="abri_oidc", max_age=600, same_site="lax",
                https_only=settings.secure_cookies))
    if settings.victim_surface:
        routes += [
            Route("/api/victim/start", victim_start, methods=["GET"]),
            Route("/api/victim/restore", victim_restore, methods=["POST"]),
            Route("/api/victim/activity", victim_activity, methods=["POST"]),
            Route("/api/session/exit", session_exit, methods=["POST"]),
        ]
    return Starlette(routes=routes, middleware=middleware)

