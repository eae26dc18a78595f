"""Which URLs and addresses a fetch of a user's link may reach: the one rule for the
server-side client and the headless browser alike.

A URL is checked in two steps. ``parse_target`` reads it strictly (http or https, a host,
no user info, no backslash, whitespace or percent sign in the authority) into the name
and port the connection will use. ``resolve_checked`` resolves that name once and keeps
the answers only if *every* one is a global address: one inward answer refuses the
whole name, since a resolver may hand out any of them. The caller then connects to one
of those checked addresses and never resolves the name again (see ``client``).

Numeric hosts in odd spellings (``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``127.1``)
are read the way the system resolver reads them (``inet_aton``) and checked as the
address they mean.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import re
import socket
from dataclasses import dataclass

import httpx

from helpline.config import get_settings
from helpline.errors import Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = {"http": 80, "https": 443}
MAX_URL_CHARS = 8192

# Not global, whatever the ipaddress tables of this Python say (they differ between
# releases): checked explicitly on top of ``is_global``.
_REFUSED_NETWORKS = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/96",               # unspecified, loopback, and IPv4-compatible (deprecated)
    "::ffff:0:0/96",       # IPv4-mapped: checked through the address it maps, then refused
    "64:ff9b:1::/48",      # local-use NAT64
    "100::/64",            # discard-only
    "2001::/23",           # IETF protocol assignments, Teredo 2001::/32 among them
    "2001:db8::/32", "3fff::/20",  # documentation
    "5f00::/16",           # SRv6 SIDs
    "fc00::/7", "fec0::/10", "fe80::/10", "ff00::/8",
)]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.ip_network("2002::/16")
_LOOPBACK_FOR_TESTS = ipaddress.ip_address("127.0.0.1")

_HOST_NAME = re.compile(r"^[a-z0-9_.-]+$")
_NUMERIC_V4 = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$")
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\]")


class FetchRefused(Refused):
    """A fetch of a user's URL that Abri will not make, or that did not complete.

    Codes: ``url_invalid``, ``scheme_refused``, ``address_refused``, ``resolve_failed``,
    ``timeout``, ``too_big``, ``too_many_redirects``, ``connect_failed``, ``tls_failed``,
    ``http_error``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.detail = detail  # for logs and tests; pages say the code in plain words

    def __repr__(self) -> str:
        return f"FetchRefused({self.code!r}, {self.detail!r})"


@dataclass(frozen=True)
class Target:
    """A URL read strictly: the name (IDNA-encoded, as it goes in the Host header and
    the TLS server name) and the port the connection is made to."""

    url: httpx.URL
    scheme: str
    host: str
    port: int
    literal: IPAddress | None  # the host is an address, not a name


def loopback_allowed() -> bool:
    """The test-only setting that lets 127.0.0.1 (that address alone) through; never in
    production, even if it were set."""
    settings = get_settings()
    return bool(getattr(settings, "net_allow_loopback", False)) and settings.env != "production"


def address_refusal(address: IPAddress | str, *, embedded: bool = False) -> str | None:
    """Why this address may not be reached (a short reason), or None when it is global.
    An IPv4 address embedded in an IPv6 one never gets the loopback test exception."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            ip = ipaddress.IPv6Address(str(ip).split("%", 1)[0])
        if ip.ipv4_mapped is not None:
            inner = address_refusal(ip.ipv4_mapped, embedded=True)
            return f"IPv4-mapped {ip.ipv4_mapped}: {inner or 'mapped form refused'}"
        if ip in _NAT64:  # a DNS64 answer for an IPv4-only site: judged by that address
            inner = address_refusal(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF),
                                   embedded=True)
            return f"NAT64 of an inward address: {inner}" if inner else None
        if ip.sixtofour is not None:
            inner = address_refusal(ip.sixtofour, embedded=True)
            if inner:
                return f"6to4 of an inward address: {inner}"
        if ip.teredo is not None:
            return "Teredo"
        if ip.is_site_local:
            return "site-local"
    elif ip == _LOOPBACK_FOR_TESTS and not embedded and loopback_allowed():
        return None
    for flag in ("is_loopback", "is_link_local", "is_multicast", "is_unspecified",
                 "is_private", "is_reserved"):
        if getattr(ip, flag):
            return flag[3:].replace("_", "-")
    for network in _REFUSED_NETWORKS:
        if ip.version == network.version and ip in network:
            return f"in {network}"
    if not ip.is_global:
        return "not global"
    return None


def check_address(address: IPAddress | str) -> IPAddress:
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    reason = address_refusal(ip)
    if reason:
        raise FetchRefused("address_refused", f"{ip}: {reason}")
    return ip


def _numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host means, read as the system resolver reads it: IPv6
    literals, and IPv4 in dotted, decimal, octal, hex or short forms."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return ipaddress.ip_address(bare.split("%", 1)[0] if ":" in bare else bare)
    except ValueError:
        pass
    if ":" in bare:
        raise FetchRefused("url_invalid", f"bad IPv6 literal {host!r}")
    if _NUMERIC_V4.match(bare.lower()):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare.rstrip(".")))
        except OSError:
            raise FetchRefused("url_invalid", f"bad numeric host {host!r}") from None
    return None


def _authority(raw: str) -> str:
    rest = raw.split("://", 1)[1] if "://" in raw else ""
    return re.split(r"[/?#]", rest, maxsplit=1)[0]


def parse_target(url: str | httpx.URL) -> Target:
    """Read ``url`` strictly, or refuse it (``url_invalid``, ``scheme_refused``, or
    ``address_refused`` for a numeric host that is inward whatever its spelling)."""
    raw = str(url)
    if len(raw) > MAX_URL_CHARS:
        raise FetchRefused("url_invalid", "too long")
    if _FORBIDDEN.search(raw):
        raise FetchRefused("url_invalid", "whitespace, control character or backslash")
    scheme = raw.split(":", 1)[0].lower() if ":" in raw else ""
    if scheme not in SCHEMES:
        raise FetchRefused("scheme_refused", scheme or "no scheme")
    if not raw[len(scheme):].startswith("://"):
        raise FetchRefused("url_invalid", "no authority")
    authority = _authority(raw)
    if "@" in authority:
        raise FetchRefused("url_invalid", "user info in the URL")
    if authority.startswith("[") and "]" not in authority:
        raise FetchRefused("url_invalid", "unclosed IPv6 literal")
    if "%" in authority and not authority.startswith("["):
        raise FetchRefused("url_invalid", "percent sign in the host")
    host_part = authority.rsplit("]", 1)[0] + "]" if authority.startswith("[") else (
        authority.rsplit(":", 1)[0] if ":" in authority else authority)
    literal = _numeric_host(host_part) if host_part else None
    if literal is not None:
        check_address(literal)  # inward in any spelling: say so, whether or not it parses
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(raw)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchRefused("url_invalid", str(exc)) from None
    if parsed.scheme not in SCHEMES:
        raise FetchRefused("scheme_refused", parsed.scheme)
    if parsed.userinfo:
        raise FetchRefused("url_invalid", "user info in the URL")
    host = parsed.raw_host.decode("ascii").lower()
    if not host:
        raise FetchRefused("url_invalid", "no host")
    port = SCHEMES[parsed.scheme] if parsed.port is None else parsed.port
    if not 0 < port < 65536:
        raise FetchRefused("url_invalid", f"port {port}")
    allowed_ports = get_settings().net_ports
    if allowed_ports and port not in allowed_ports:
        raise FetchRefused("port_refused", f"port {port}")
    if literal is None and ":" not in host:
        if not _HOST_NAME.match(host) or ".." in host or host.startswith("."):
            raise FetchRefused("url_invalid", f"host {host!r}")
        literal = _numeric_host(host)  # e.g. after IDNA mapping
    elif literal is None:
        literal = _numeric_host(host)
    if literal is not None:
        check_address(literal)
    return Target(parsed, parsed.scheme, host, port, literal)


_resolver_pool = concurrent.futures.ThreadPoolExecutor(max_workers=4,
                                                       thread_name_prefix="abri-resolve")


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (tests replace this)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [info[4][0] for info in infos]


def resolve_checked(target: Target, timeout: float | None = None) -> list[IPAddress]:
    """The addresses to connect to for ``target``: the name resolved once, and every
    answer global, or ``address_refused`` (one inward answer is enough to refuse)."""
    if target.literal is not None:
        return [check_address(target.literal)]
    future = _resolver_pool.submit(system_resolve, target.host, target.port)
    try:
        answers = future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise FetchRefused("timeout", f"resolving {target.host}") from None
    except (OSError, UnicodeError) as exc:
        raise FetchRefused("resolve_failed", f"{target.host}: {exc}") from None
    if not answers:
        raise FetchRefused("resolve_failed", f"{target.host}: no address")
    checked: list[IPAddress] = []
    for answer in answers:
        try:
            ip = ipaddress.ip_address(answer.split("%", 1)[0])
        except ValueError:
            raise FetchRefused("resolve_failed", f"{target.host}: {answer!r}") from None
        check_address(ip)
        if ip not in checked:
            checked.append(ip)
    return checked


def check_url(url: str | httpx.URL, timeout: float | None = None) -> tuple[Target,
                                                                          list[IPAddress]]:
    """``url`` read strictly and its host resolved and checked: what may be connected to."""
    target = parse_target(url)
    return target, resolve_checked(target, timeout)


def request_allowed(url: str, timeout: float | None = 5.0) -> bool | FetchRefused:
    """True when the client would fetch ``url``, else the refusal (not raised): the rule
    a browser's request handler applies to every request, by the same code path. A
    websocket URL is judged as its http(s) twin."""
    if url[:6].lower() == "wss://":
        url = "https://" + url[6:]
    elif url[:5].lower() == "ws://":
        url = "http://" + url[5:]
    try:
        check_url(url, timeout)
    except FetchRefused as refusal:
        return refusal
    return True
