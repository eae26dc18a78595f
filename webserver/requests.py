"""What Abri's HTTP routes need to know about a request, and how they set cookies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from helpline.config import Settings
from helpline.ratelimit import client_key

MAX_FIELD = 512  # nobody's email, password or code is longer; refuse to hash megabytes


@dataclass(frozen=True)
class Endpoints:
    """What a surface adds to the HTTP edge: its routes, their middleware, and an
    optional wrapper around the whole app (the victim surface's session start)."""

    routes: list = field(default_factory=list)
    middleware: list = field(default_factory=list)
    wrap: Callable[[Any], Any] | None = None


def form_field(form, name: str) -> str:
    """A text field, cut just past MAX_FIELD (refused as too long by the caller)."""
    value = form.get(name, "")
    return value[:MAX_FIELD + 1] if isinstance(value, str) else ""


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




def set_session_cookie(response: Response, settings: Settings, name: str, token: str,
                       max_age: int) -> None:
    response.set_cookie(name, token, httponly=True, secure=settings.secure_cookies,
                        samesite="strict", path="/", max_age=max_age)
