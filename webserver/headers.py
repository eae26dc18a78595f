"""Pure ASGI middleware adding Abri's security headers to every HTTP response,
the built frontend included."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from reflex.utils.prerequisites import get_web_dir

from webserver.csp import build_policy, inline_script_hashes

# Hashed, immutable bundles may be cached; everything else is no-store so nothing
# about a visit lingers in the browser cache of a shared or monitored device.
IMMUTABLE_PREFIX = "/assets/"


class SecurityHeaders:
    def __init__(self, app, *, https: bool, build_dir: Path | None = None) -> None:
        self.app = app
        self.https = https
        # Output of `react-router build`, which Reflex mounts in production.
        self.build_dir = build_dir or get_web_dir() / "build" / "client"

    @cached_property
    def _static_headers(self) -> list[tuple[bytes, bytes]]:
        policy = build_policy(inline_script_hashes(self.build_dir))
        headers = [
            (b"content-security-policy", policy.encode()),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
        ]
        if self.https:
            headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        return headers

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        cache = (
            b"public, max-age=31536000, immutable"
            if path.startswith(IMMUTABLE_PREFIX)
            else b"no-store"
        )

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                ours = {name for name, _ in self._static_headers} | {b"cache-control"}
                given = message.get("headers", [])
                # A route serving someone's file sets a stricter policy (a sandbox): kept.
                own_policy = [(k, v) for k, v in given
                              if k.lower() == b"content-security-policy"]
                headers = [(k, v) for k, v in given if k.lower() not in ours]
                headers += [h for h in self._static_headers
                            if not (own_policy and h[0] == b"content-security-policy")]
                headers += own_policy
                headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
