"""The Content-Security-Policy for the built app.

Scripts are allowed only from our origin plus the exact inline scripts the build
emitted: their SHA-256 hashes are read from the built HTML (they change per build).
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._inside, self._buffer = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self._buffer.append(data)


def inline_script_hashes(build_dir: Path) -> list[str]:
    hashes: set[str] = set()
    for page in build_dir.rglob("*.html"):
        parser = _InlineScripts()
        parser.convert_charrefs = False
        parser.feed(page.read_text("utf-8"))
        for script in parser.scripts:
            if script.strip():
                digest = hashlib.sha256(script.encode()).digest()
                hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def build_policy(script_hashes: list[str]) -> str:
    script_src = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self' 'unsafe-inline'",  # Emotion injects styles at run time
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )
