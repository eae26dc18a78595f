"""The staff workspace's plain HTTP routes: sign-in (password, or OpenID Connect when
configured) and sign-out, each followed by a full page load so the websocket
reconnects with the new cookie; and the downloads of shared evidence."""

from __future__ import annotations

import math

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from helpline import crypto
from helpline.config import Settings
from helpline.identity.sessions import STAFF_COOKIE
from helpline.identity.staff_auth import SignInRefused, sign_in_local, sign_out
from staff_app.cases.endpoints import vault_routes
from staff_app.cases.export import dossier_routes
from staff_app.news.endpoints import news_routes
from staff_app.oidc import oidc_routes
from staff_app.routes import staff_url
from webserver.requests import (
    MAX_FIELD,
    Endpoints,
    client_of,
    form_field,
    same_origin,
    set_session_cookie,
)


def endpoints(settings: Settings) -> Endpoints:
    max_age = settings.staff_session_max_hours * 3600

    async def login(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=8)
        locale = "en" if form.get("locale") == "en" else "fr"
        email, password, code = (form_field(form, n) for n in ("email", "password", "code"))
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
                response = RedirectResponse(staff_url(locale), status_code=303)
                set_session_cookie(response, settings, STAFF_COOKIE, token, max_age)
                return response
        return RedirectResponse(f"{staff_url(locale, 'login')}?error={reason}", status_code=303)

    async def logout(request: Request) -> Response:
        if same_origin(request, settings):
            sign_out(request.cookies.get(STAFF_COOKIE))
        form = await request.form(max_files=0, max_fields=4)
        locale = "en" if form.get("locale") == "en" else "fr"
        response = RedirectResponse(staff_url(locale, "login"), status_code=303)
        response.delete_cookie(STAFF_COOKIE, path="/")
        return response

    routes = [Route("/api/staff/login", login, methods=["POST"]),
              Route("/api/staff/logout", logout, methods=["POST"]),
              *vault_routes(settings),  # shared evidence: working copies, originals
              *dossier_routes(settings),  # the signed dossier of a person's shared items
              *news_routes(settings)]  # an article's picture
    middleware: list[Middleware] = []
    if settings.oidc_enabled:
        routes += oidc_routes(settings, max_age)
        # Holds only the OIDC state, nonce and PKCE verifier between the two redirects;
        # Lax so the provider's redirect back carries it.
        middleware.append(Middleware(
            SessionMiddleware, secret_key=crypto.derive("oidc-flow-cookie").hex(),
            session_cookie="abri_oidc", max_age=600, same_site="lax",
            https_only=settings.secure_cookies))
    return Endpoints(routes=routes, middleware=middleware)
