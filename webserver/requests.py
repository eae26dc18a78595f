"""What Abri's HTTP routes need to know about a request, and how they set cookies."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from helpline.config import Settings
from helpline.ratelimit import client_key


def same_origin(request: Request, settings: Settings) -> bool:
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


def client_of(request: Request, settings: Settings) -> str:
    """The hashed client address, trusting X-Forwarded-For only behind known proxies."""
    address = request.client.host if request.client else None
    if settings.trusted_proxy_hops:
        hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",")]
        if len(hops) >= settings.trusted_proxy_hops:
            address = hops[-settings.trusted_proxy_hops]
    return client_key(address)


def local_path(target: str | None, default: str = "/") -> str:
    """Only redirect within Abri: a path, never a scheme or another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def staff_home(locale: str) -> str:
    return "/staff/en" if locale == "en" else "/staff"


def victim_prefix(locale: str) -> str:
    return "/en" if locale == "en" else ""


def set_session_cookie(response: Response, settings: Settings, name: str, token: str,
                       max_age: int) -> None:
    response.set_cookie(name, token, httponly=True, secure=settings.secure_cookies,
                        samesite="strict", path="/", max_age=max_age)
