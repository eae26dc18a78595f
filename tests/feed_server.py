"""A partner's feed served on 127.0.0.1 for the feed's tests (unit and end-to-end): it
answers conditional requests (ETag / Last-Modified → 304) and records what was asked."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 02 Dec 2026 08:00:00 GMT"


def rss(*items: tuple[str, str, str, str], title: str = "Partenaire") -> bytes:
    """An RSS 2.0 document; each item is (guid, title, link, description as sent)."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{name}</title><link>{link}</link>"
        f"<description><![CDATA[{summary}]]></description>"
        "<pubDate>Wed, 02 Dec 2026 07:00:00 GMT</pubDate></item>"
        for guid, name, link, summary in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://partner.example/</link>{body}"
            "</channel></rss>").encode()


@dataclass
class FeedServer:
    port: int = 0
    body: bytes = b""
    etag: str = ETAG
    last_modified: str = LAST_MODIFIED
    asked: list[dict[str, str]] = field(default_factory=list)  # headers of each request
    answered: list[int] = field(default_factory=list)  # statuses sent

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(feed: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.asked.append({k.lower(): v for k, v in self.headers.items()})
            fresh = (self.headers.get("If-None-Match") == feed.etag
                     or self.headers.get("If-Modified-Since") == feed.last_modified)
            status = 304 if fresh else 200
            feed.answered.append(status)
            self.send_response(status)
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", feed.last_modified)
            if fresh:
                self.end_headers()
                return
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(feed.body)))
            self.end_headers()
            self.wfile.write(feed.body)

        def log_message(self, *_args) -> None:
            pass

    return Handler


@contextmanager
def serve_feed(body: bytes = b"") -> Iterator[FeedServer]:
    feed = FeedServer(body=body)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(feed))
    feed.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield feed
    finally:
        server.shutdown()
        server.server_close()
