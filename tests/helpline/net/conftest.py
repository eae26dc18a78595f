"""Fixtures for the SSRF-safe client: local servers, listeners that count who reaches
them, a resolver the test controls, and the loopback test setting."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpline.config import get_settings
from helpline.net import addresses


@pytest.fixture
def net_settings(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Abri's settings with no ABRI_ variable but the data folder: loopback refused;
    any port, as the test servers listen on free ones (``web_ports`` keeps 80/443)."""
    monkeypatch.setenv("ABRI_NET_PORTS", "[]")
    get_settings.cache_clear()


@pytest.fixture
def web_ports(net_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ABRI_NET_PORTS")
    get_settings.cache_clear()


@pytest.fixture
def allow_loopback(net_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABRI_NET_ALLOW_LOOPBACK", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


class Listener:
    """A TCP listener that counts the connections it accepts (and answers none)."""

    def __init__(self, host: str, port: int = 0) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.sock.close()


@dataclass
class Listeners:
    port: int
    all: list[Listener] = field(default_factory=list)

    @property
    def connections(self) -> int:
        time.sleep(0.05)  # a connection in flight is counted before the test looks
        return sum(listener.connections for listener in self.all)


def _listeners_on_one_port(hosts: list[str]) -> tuple[int, list[Listener]]:
    for _ in range(20):
        first = Listener(hosts[0])
        try:
            rest = [Listener(host, first.port) for host in hosts[1:]]
        except OSError:
            first.close()
            continue
        return first.port, [first, *rest]
    raise RuntimeError("no free port on every loopback address")


@pytest.fixture
def listeners() -> Iterator[Listeners]:
    """Listeners on 127.0.0.1, 127.0.0.2 and ::1, all on one port: no fetch refused may
    ever reach any of them."""
    port, opened = _listeners_on_one_port(["127.0.0.1", "127.0.0.2", "::1"])
    yield Listeners(port, opened)
    for listener in opened:
        listener.close()


class FakeResolver:
    """Answers for test names (a list per call: the last one repeats), the system
    resolver for any other name; counts the calls per name."""

    def __init__(self, real: Callable[[str, int], list[str]]) -> None:
        self.answers: dict[str, list[list[str]]] = {}
        self.calls: dict[str, int] = {}
        self._real = real

    def set(self, name: str, *answers: list[str]) -> None:
        self.answers[name] = list(answers)

    def __call__(self, host: str, port: int) -> list[str]:
        if host not in self.answers:
            return self._real(host, port)
        n = self.calls.get(host, 0)
        self.calls[host] = n + 1
        sequence = self.answers[host]
        answer = sequence[min(n, len(sequence) - 1)]
        if not answer:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answer


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> FakeResolver:
    fake = FakeResolver(addresses.system_resolve)
    monkeypatch.setattr(addresses, "system_resolve", fake)
    return fake


class _Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[dict] = []  # one list per server class (see the fixtures)

    def log_message(self, *_args) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.seen.append({"path": self.path, "headers": dict(self.headers.items()),
                          "raw": list(self.headers.items())})
        if parts.path == "/page":
            self._send(200, b"<!doctype html><title>Post</title><p>Le message</p>",
                       {"Content-Type": "text/html; charset=utf-8"})
        elif parts.path == "/echo":
            self._send(200, json.dumps(dict(self.headers.items())).encode(),
                       {"Content-Type": "application/json"})
        elif parts.path == "/redirect":
            self._send(int(query.get("status", 302)), b"", {"Location": query["to"]})
        elif parts.path == "/hops":  # /hops?n=3 → /hops?n=2 → … → /page
            n = int(query.get("n", 0))
            self._send(302, b"", {"Location": f"/hops?n={n - 1}" if n > 0 else "/page"})
        elif parts.path == "/cookie":
            self._send(302, b"", {"Set-Cookie": "session=secret; Path=/", "Location": "/echo"})
        elif parts.path == "/slow":
            time.sleep(float(query.get("s", 3)))
            self._send(200, b"late")
        elif parts.path == "/dribble":  # a byte every 0.1 s, for ever
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
        elif parts.path == "/huge":  # 1 MiB chunks, for ever (no length)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"a" * (1024 * 1024)
            try:
                for _ in range(10000):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                return
        elif parts.path == "/declared":
            self.send_response(200)
            self.send_header("Content-Length", str(10 ** 12))
            self.end_headers()
        else:
            self._send(404, b"not here")


@dataclass
class PageServer:
    server: ThreadingHTTPServer
    scheme: str = "http"

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def seen(self) -> list[dict]:
        return self.server.RequestHandlerClass.seen

    def url(self, path: str = "/page", host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def _serve(handler: type[BaseHTTPRequestHandler], port: int = 0,
           context: ssl.SSLContext | None = None) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.handle_error = lambda *_args: None  # a client that hung up early is expected
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.fixture
def pages() -> Iterator[PageServer]:
    handler = type("Pages", (_Pages,), {"seen": []})
    server = _serve(handler)
    yield PageServer(server)
    server.shutdown()
    server.server_close()


@pytest.fixture
def pages_and_twin() -> Iterator[tuple[PageServer, Listener]]:
    """The test pages on 127.0.0.1:P and a counting listener on 127.0.0.2:P: a
    rebinding answer for the same name and port would land there."""
    handler = type("Pages", (_Pages,), {"seen": []})
    for _ in range(20):
        server = _serve(handler)
        try:
            twin = Listener("127.0.0.2", server.server_address[1])
        except OSError:
            server.shutdown()
            server.server_close()
            continue
        break
    else:
        raise RuntimeError("no port free on both loopback addresses")
    yield PageServer(server), twin
    twin.close()
    server.shutdown()
    server.server_close()


@dataclass
class Tls:
    server: PageServer
    client_context: ssl.SSLContext
    leaf_der: bytes
    server_names: list[str]


@pytest.fixture
def tls_pages(tmp_path: Path) -> Iterator[Tls]:
    """HTTPS pages on 127.0.0.1 with a certificate for ``tls.example`` from a test CA;
    the names clients ask for (SNI) are recorded."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Abri test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tls.example"),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("tls.example"),
                x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "leaf.pem", tmp_path / "leaf.key"
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    names: list[str] = []
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_file, key_file)
    server_context.sni_callback = lambda _sock, name, _ctx: names.append(name) and None
    client_context = ssl.create_default_context(
        cadata=ca.public_bytes(serialization.Encoding.PEM).decode())
    handler = type("Pages", (_Pages,), {"seen": []})
    server = _serve(handler, context=server_context)
    yield Tls(PageServer(server, "https"), client_context,
              leaf.public_bytes(serialization.Encoding.DER), names)
    server.shutdown()
    server.server_close()
