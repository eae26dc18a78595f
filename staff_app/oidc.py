"""Staff sign-in with OpenID Connect: authorization code flow with PKCE (S256),
state and nonce checked, ID token issuer, audience and expiry verified by authlib."""

from __future__ import annotations

import logging

import httpx
from authlib.integrations.starlette_client import OAuth, OAuthError
from joserfc.errors import JoseError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from helpline.config import Settings
from helpline.identity.sessions import STAFF_COOKIE
from helpline.identity.staff_auth import SignInRefused, sign_in_oidc
from staff_app.routes import staff_url
from webserver.requests import set_session_cookie

log = logging.getLogger("abri.security")


def oidc_routes(settings: Settings, max_age: int) -> list[Route]:
    oauth = OAuth()
    oauth.register(
        "provider",
        server_metadata_url=f"{settings.oidc_issuer.rstrip('/')}/.well-known/openid-configuration",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    client = oauth.create_client("provider")
    callback = f"{settings.public_url}/api/staff/oidc/callback"

    async def login(request: Request) -> Response:
        locale = "en" if request.query_params.get("locale") == "en" else "fr"
        request.session["locale"] = locale
        try:
            return await client.authorize_redirect(request, callback)
        except httpx.HTTPError:
            log.warning("OIDC provider unreachable")
            return RedirectResponse(f"{staff_url(locale, 'login')}?error=sso", status_code=303)

    async def finish(request: Request) -> Response:
        locale = "en" if request.session.get("locale") == "en" else "fr"
        try:
            token = await client.authorize_access_token(request)
            claims = token.get("userinfo") or {}
            if not claims.get("sub"):
                raise OAuthError(error="missing_id_token")
            session_token = sign_in_oidc(claims["iss"], claims["sub"], claims.get("email"),
                                         email_verified=claims.get("email_verified") is True)
        except (OAuthError, JoseError, SignInRefused, ValueError, httpx.HTTPError) as refused:
            # httpx.HTTPError: the provider could not be reached.
            # JoseError: the ID token's signature, issuer, audience, expiry or nonce.
            log.warning("OIDC sign-in refused: %s", type(refused).__name__)
            request.session.clear()
            return RedirectResponse(f"{staff_url(locale, 'login')}?error=sso", status_code=303)
        request.session.clear()
        response = RedirectResponse(staff_url(locale), status_code=303)
        set_session_cookie(response, settings, STAFF_COOKIE, session_token, max_age)
        return response

    return [Route("/api/staff/oidc/login", login, methods=["GET"]),
            Route("/api/staff/oidc/callback", finish, methods=["GET"])]
