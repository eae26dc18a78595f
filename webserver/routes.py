"""Plain HTTP routes that set or clear Abri's HttpOnly session cookies.

Reflex events run over the websocket and cannot set HttpOnly cookies, so sign-in,
sign-out and quick exit are ordinary form posts / beacons handled here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from helpline.config import Settings
from helpline.sessions import STAFF_COOKIE, VICTIM_COOKIE
from helpline.staff_auth import sign_in_local, sign_out

MAX_FIELD = 512  # nobody's email or password is longer; refuse to hash megabytes


def _same_origin(request: Request, settings: Settings) -> bool:
    """SameSite=Strict already keeps cookies off cross-site posts; this also stops
    login CSRF. Browsers send Sec-Fetch-Site; with our no-referrer policy a form
    post's Origin is "null", so Origin is only the fallback for older clients."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" in settings.allowed_origins


def _staff_home(locale: str) -> str:
    return "/staff/en" if locale == "en" else "/staff"


def build_routes(settings: Settings) -> Starlette:
    def set_session_cookie(response: Response, name: str, token: str) -> None:
        response.set_cookie(
            name, token, httponly=True, secure=settings.secure_cookies, samesite="strict",
            path="/", max_age=settings.staff_session_max_hours * 3600,
        )

    async def staff_login(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=8)
        locale = "en" if form.get("locale") == "en" else "fr"
        home = _staff_home(locale)
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        token = None
        if _same_origin(request, settings) and 0 < len(email) <= MAX_FIELD \
                and 0 < len(password) <= MAX_FIELD:
            token = sign_in_local(email, password)
        if token is None:
            return RedirectResponse(f"{home}/login?error=1", status_code=303)
        response = RedirectResponse(home, status_code=303)
        set_session_cookie(response, STAFF_COOKIE, token)
        return response

    async def staff_logout(request: Request) -> Response:
        if _same_origin(request, settings):
            sign_out(request.cookies.get(STAFF_COOKIE))
        form = await request.form(max_files=0, max_fields=4)
        response = RedirectResponse(
            f"{_staff_home(str(form.get('locale', 'fr')))}/login", status_code=303
        )
        response.delete_cookie(STAFF_COOKIE, path="/")
        return response

    async def session_exit(request: Request) -> Response:
        """Quick exit: end the victim's server session and wipe what the browser holds."""
        if _same_origin(request, settings):
            sign_out(request.cookies.get(VICTIM_COOKIE))
        response = Response(status_code=204)
        response.delete_cookie(VICTIM_COOKIE, path="/")
        response.headers["clear-site-data"] = '"cache", "cookies", "storage"'
        return response

    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes = [Route("/api/health", health, methods=["GET"])]
    if settings.staff_surface:
        routes += [
            Route("/api/staff/login", staff_login, methods=["POST"]),
            Route("/api/staff/logout", staff_logout, methods=["POST"]),
        ]
    if settings.victim_surface:
        routes.append(Route("/api/session/exit", session_exit, methods=["POST"]))
    return Starlette(routes=routes)
