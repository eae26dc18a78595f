"""The one client for fetching a URL a user gave (link capture, feeds, notices).

Each hop of a fetch: the URL is read strictly and its name resolved once and checked
(``addresses.check_url``); the connection is then made to one of those checked
addresses by a network backend pinned to them, so a name that resolves elsewhere a
moment later (DNS rebinding) changes nothing. The URL keeps the name: the Host header,
the TLS server name and the certificate check are all for the name. Redirects are
followed here, each Location checked as a new URL; one deadline covers the whole fetch,
every socket operation included; the body is streamed and cut at the size cap. No
cookies, no proxy from the environment, no Abri in the user agent.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import socket
import ssl
import time
import typing
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpcore
import httpx
from httpcore._backends.sync import SyncStream

from helpline.config import get_settings
from helpline.net.addresses import (
    _FORBIDDEN,
    FetchRefused,
    IPAddress,
    Target,
    check_url,
)

USER_AGENT = "Mozilla/5.0 (compatible)"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    # The body kept is the bytes the server sent: no compression to undo (or to bomb).
    "Accept-Encoding": "identity",
}
REDIRECTS = {301, 302, 303, 307, 308}
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# Request headers only the client sets: a caller (the browser's guard) cannot add them.
OWNED_HEADERS = {"host", "cookie", "cookie2", "authorization", "proxy-authorization",
                 "user-agent", "accept-encoding", "connection", "keep-alive", "te",
                 "transfer-encoding", "upgrade", "content-length", "trailer", "expect",
                 "proxy-connection"}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class TlsPeer:
    subject: str  # RFC 4514, e.g. "CN=example.org,O=Example"
    issuer: str
    sha256: str  # hex of the DER certificate's SHA-256
    not_before: datetime
    not_after: datetime
    version: str  # "TLSv1.3"


@dataclass(frozen=True)
class Hop:
    """One answer on the way: the URL asked, its status, and the address answering."""

    url: str
    status: int
    server_ip: str
    location: str = ""


@dataclass(frozen=True)
class FetchResult:
    url: str  # as asked
    final_url: str
    status: int
    headers: list[tuple[str, str]]  # as received, repeated names kept
    body: bytes
    truncated: bool
    server_ip: str
    tls: TlsPeer | None
    fetched_at: datetime  # UTC, when the final answer's headers arrived
    redirects: list[Hop] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def clamp(self, timeout: float | None, expired: type[Exception]) -> float:
        left = self.remaining()
        if left <= 0:
            raise expired("the fetch's time is up")
        return left if timeout is None else min(timeout, left)


def open_socket(address: tuple[str, int], timeout: float) -> socket.socket:
    """A TCP connection to a checked address (tests watch this)."""
    return socket.create_connection(address, timeout)


class _PinnedStream(httpcore.NetworkStream):
    """A stream whose every read, write and handshake ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: _PinnedBackend) -> None:
        self._inner, self._backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.deadline.clamp(
            timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        timeout = self._backend.deadline.clamp(timeout, httpcore.ConnectTimeout)
        try:
            inner = self._inner.start_tls(ssl_context, server_hostname, timeout)
        except httpcore.ConnectError as exc:
            if isinstance(exc.__context__, ssl.SSLError):
                self._backend.tls_error = exc.__context__
            raise
        return _PinnedStream(inner, self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the checked addresses of the one name and port it was given."""

    def __init__(self, target: Target, addresses: list[IPAddress], deadline: _Deadline,
                 connect_timeout: float) -> None:
        self.target, self.addresses, self.deadline = target, addresses, deadline
        self.connect_timeout = connect_timeout
        self.connected_ip: str = ""
        self.tls_error: ssl.SSLError | None = None

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None,
                    ) -> httpcore.NetworkStream:
        if host.lower() != self.target.host or port != self.target.port:
            raise httpcore.ConnectError(f"{host}:{port} is not the checked {self.target.host}")
        last: Exception = httpcore.ConnectError("no address")
        for ip in self.addresses:
            wait = self.deadline.clamp(min(timeout or self.connect_timeout,
                                           self.connect_timeout), httpcore.ConnectTimeout)
            try:
                sock = open_socket((str(ip), port), wait)
            except TimeoutError as exc:
                last = httpcore.ConnectTimeout(str(exc))
                continue
            except OSError as exc:
                last = httpcore.ConnectError(str(exc))
                continue
            peer = sock.getpeername()[0]
            if peer.split("%", 1)[0] != str(ip):  # cannot happen; if it does, do not talk
                sock.close()
                raise httpcore.ConnectError(f"connected to {peer}, not {ip}")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connected_ip = str(ip)
            return _PinnedStream(SyncStream(sock), self)
        raise last

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose backend is pinned (one use)."""

    def __init__(self, backend: _PinnedBackend, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=1, max_keepalive_connections=0,
            http1=True, http2=False, retries=0, network_backend=backend)


@functools.lru_cache(maxsize=1)
def _default_ssl_context() -> ssl.SSLContext:
    """Certificates checked against certifi's roots, whatever SSL_CERT_FILE says."""
    return httpx.create_ssl_context(trust_env=False)


def _tls_peer(response: httpx.Response) -> TlsPeer | None:
    stream = response.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(True)
    if not der:
        return None
    from cryptography import x509

    cert = x509.load_der_x509_certificate(der)
    return TlsPeer(subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
                   sha256=hashlib.sha256(der).hexdigest(),
                   not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                   version=ssl_object.version() or "")


def _read_capped(response: httpx.Response, max_bytes: int, allow_truncated: bool
                 ) -> tuple[bytes, bool]:
    declared = response.headers.get("content-length", "")
    if not allow_truncated and declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused("too_big", f"declared {declared} bytes")
    body = bytearray()
    for chunk in response.iter_raw(CHUNK):
        room = max_bytes - len(body)
        if len(chunk) > room:
            if not allow_truncated:
                raise FetchRefused("too_big", f"more than {max_bytes} bytes")
            body += chunk[:room]
            return bytes(body), True
        body += chunk
    return bytes(body), False


def _next_url(current: httpx.URL, location: str) -> str:
    if _FORBIDDEN.search(location.strip()):
        raise FetchRefused("url_invalid", "redirect to a malformed URL")
    try:
        return str(current.join(location.strip()))
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchRefused("url_invalid", f"redirect: {exc}") from None


log = logging.getLogger("abri.net")


def fetch(url: str, **options: typing.Any) -> FetchResult:
    """Fetch ``url`` under Abri's rules, or raise ``FetchRefused`` (see ``_fetch`` for
    the options). A refusal is logged as a security event by its code alone: no URL,
    host or address reaches the logs (they may name a victim's evidence)."""
    try:
        return _fetch(url, **options)
    except FetchRefused as refusal:
        log.warning("fetch refused: %s", refusal.code)
        raise


def _fetch(url: str, *, method: str = "GET", max_bytes: int | None = None,
          total_timeout: float | None = None, connect_timeout: float | None = None,
          max_redirects: int | None = None, allow_truncated: bool = True,
          follow_redirects: bool = True, headers: typing.Mapping[str, str] | None = None,
          content: bytes | None = None, ssl_context: ssl.SSLContext | None = None,
          ) -> FetchResult:
    """Fetch ``url`` under Abri's rules, or raise ``FetchRefused``.

    A 4xx or 5xx answer is a result, not an error (a 404 shows the post is gone). A body
    over the cap is cut there and marked ``truncated`` (or refused as ``too_big`` when
    ``allow_truncated`` is false). Limits default to the ``ABRI_NET_*`` settings.

    ``follow_redirects=False`` returns a redirect as it came, unfollowed (not for the
    browser guard: Chromium follows a fulfilled redirect without routing the next hop).
    ``headers`` adds or replaces request headers (names in any case), except
    those the client owns (host, cookies, credentials, user agent, encodings); a
    ``content`` body goes with methods other than GET and HEAD (the browser's requests)."""
    settings = get_settings()
    if method not in METHODS:
        raise ValueError(f"method {method!r}")
    sent = httpx.Headers(HEADERS)  # names case-insensitive: a caller's "accept" replaces
    for name, value in (headers or {}).items():
        if name.lower() not in OWNED_HEADERS and not name.startswith(":"):
            sent[name] = value
    cap = max_bytes if max_bytes is not None else settings.net_max_bytes
    deadline = _Deadline(total_timeout or settings.net_total_timeout_seconds)
    connect = connect_timeout or settings.net_connect_timeout_seconds
    hops = settings.net_max_redirects if max_redirects is None else max_redirects
    context = ssl_context or _default_ssl_context()
    chain: list[Hop] = []
    current = url.strip()
    for _ in range(hops + 1):
        left = deadline.remaining()
        if left <= 0:
            raise FetchRefused("timeout", "before connecting")
        target, addresses = check_url(current, timeout=left)
        backend = _PinnedBackend(target, addresses, deadline, connect)
        timeouts = {"connect": connect, "read": left, "write": left, "pool": left}
        request = httpx.Request(method, target.url, headers=sent, content=content,
                                extensions={"timeout": timeouts})
        try:
            with _PinnedTransport(backend, context) as transport:
                response = transport.handle_request(request)
                try:
                    fetched_at = datetime.now(UTC)
                    location = response.headers.get("location")
                    if (follow_redirects and response.status_code in REDIRECTS
                            and location is not None):
                        chain.append(Hop(str(target.url), response.status_code,
                                         backend.connected_ip, location))
                        current = _next_url(target.url, location)
                        if response.status_code == 303 or (
                                response.status_code in (301, 302) and method == "POST"):
                            method, content = "GET", None  # as browsers do
                        continue
                    tls = _tls_peer(response)
                    if method == "HEAD":
                        body, truncated = b"", False
                    else:
                        body, truncated = _read_capped(response, cap, allow_truncated)
                finally:
                    response.close()
        except httpx.TimeoutException as exc:
            raise FetchRefused("timeout", str(exc)) from None
        except httpx.ConnectError as exc:
            if backend.tls_error is not None:
                raise FetchRefused("tls_failed", str(backend.tls_error)) from None
            raise FetchRefused("connect_failed", str(exc)) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchRefused("http_error", f"{type(exc).__name__}: {exc}") from None
        return FetchResult(
            url=url, final_url=str(target.url), status=response.status_code,
            headers=[(k.decode("latin-1"), v.decode("latin-1"))
                     for k, v in response.headers.raw],
            body=body, truncated=truncated, server_ip=backend.connected_ip, tls=tls,
            fetched_at=fetched_at, redirects=chain)
    raise FetchRefused("too_many_redirects", f"more than {hops}")
