"""Fetching through the SSRF-safe client, against real sockets on loopback."""

from __future__ import annotations

import hashlib
import json
import time

import httpcore
import pytest

from helpline.net import FetchRefused, addresses, client, fetch, request_allowed
from helpline.net.addresses import check_url

# Internal targets, each with {port} for the listeners' port. ``spells_127_0_0_1`` marks
# the ones the loopback test setting lets through (that address, however written).
TARGETS = [
    ("http://127.0.0.1:{port}/", True),
    ("http://2130706433:{port}/", True),
    ("http://0177.0.0.1:{port}/", True),
    ("http://0x7f.0.0.1:{port}/", True),
    ("http://0x7f000001:{port}/", True),
    ("http://127.1:{port}/", True),
    ("http://127.0.0.1.:{port}/", True),
    ("http://localhost:{port}/", True),
    ("http://inward.example:{port}/", True),       # a name that resolves inward
    ("http://127.0.0.2:{port}/", False),
    ("http://127.0.2:{port}/", False),
    ("http://[::1]:{port}/", False),
    ("http://[::ffff:7f00:1]:{port}/", False),
    ("http://[::ffff:127.0.0.1]:{port}/", False),
    ("http://[::ffff:127.0.0.2]:{port}/", False),
    ("http://[::127.0.0.1]:{port}/", False),
    ("http://[64:ff9b::7f00:1]:{port}/", False),
    ("http://[2002:7f00:1::]:{port}/", False),
    ("http://[2001:0:7f00:1::]:{port}/", False),
    ("http://0.0.0.0:{port}/", False),
    ("http://0:{port}/", False),
    ("http://[::]:{port}/", False),
    ("http://mapped.example:{port}/", False),       # AAAA ::ffff:127.0.0.1
    ("http://twin.example:{port}/", False),         # 127.0.0.2
    ("http://mixed.example:{port}/", False),        # a global answer, then ::1
    ("http://169.254.169.254:{port}/latest/meta-data/", False),
    ("http://metadata.example:{port}/", False),     # 169.254.169.254
    ("http://10.0.0.1:{port}/", False), ("http://172.16.0.1:{port}/", False),
    ("http://192.168.0.1:{port}/", False), ("http://100.64.0.1:{port}/", False),
    ("http://224.0.0.1:{port}/", False), ("http://255.255.255.255:{port}/", False),
    ("http://198.18.0.1:{port}/", False), ("http://192.0.2.1:{port}/", False),
    ("http://[fe80::1]:{port}/", False), ("http://[fd00::1]:{port}/", False),
    ("http://[fec0::1]:{port}/", False), ("http://[ff02::1]:{port}/", False),
    ("http://evil.example@127.0.0.1:{port}/", False),
    ("http://127.0.0.1:{port}\\@evil.example/", False),
    ("http://127.0.0.1:{port} /", False),
    ("http://%31%32%37.0.0.1:{port}/", False),
    ("gopher://127.0.0.1:{port}/", False),
    ("file:///etc/passwd", False),
]


def _names(resolver) -> None:
    resolver.set("inward.example", ["127.0.0.1"])
    resolver.set("mapped.example", ["::ffff:127.0.0.1"])
    resolver.set("twin.example", ["127.0.0.2"])
    resolver.set("mixed.example", ["93.184.216.34", "::1"])
    resolver.set("metadata.example", ["169.254.169.254"])


@pytest.mark.parametrize(("template", "_spells"), TARGETS)
def test_internal_targets_are_refused_and_nothing_reaches_them(
        net_settings, listeners, resolver, template, _spells) -> None:
    _names(resolver)
    url = template.format(port=listeners.port)
    with pytest.raises(FetchRefused) as refused:
        fetch(url)
    assert refused.value.code in {"address_refused", "url_invalid", "scheme_refused"}
    assert isinstance(request_allowed(url), FetchRefused)
    assert listeners.connections == 0


@pytest.mark.parametrize(("template", "_spells"), [t for t in TARGETS if not t[1]])
def test_with_the_loopback_test_setting_only_127_0_0_1_is_let_through(
        allow_loopback, listeners, resolver, template, _spells) -> None:
    _names(resolver)
    url = template.format(port=listeners.port)
    with pytest.raises(FetchRefused):
        fetch(url)
    assert isinstance(request_allowed(url), FetchRefused)
    assert listeners.connections == 0


def test_a_local_page_is_fetched_when_the_test_setting_allows_loopback(
        allow_loopback, pages) -> None:
    result = fetch(pages.url("/page"))
    assert result.status == 200
    assert result.body.startswith(b"<!doctype html><title>Post</title>")
    assert not result.truncated
    assert result.server_ip == "127.0.0.1"
    assert result.final_url == pages.url("/page")
    assert result.header("content-type") == "text/html; charset=utf-8"
    assert result.tls is None
    assert result.fetched_at.tzinfo is not None and result.fetched_at.utcoffset().seconds == 0
    assert result.redirects == []


def test_without_the_test_setting_the_local_page_is_refused(net_settings, pages) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/page"))
    assert refused.value.code == "address_refused"
    assert pages.seen == []


def test_a_404_is_a_result_not_an_error(allow_loopback, pages) -> None:
    result = fetch(pages.url("/gone"))
    assert (result.status, result.body) == (404, b"not here")


def test_a_public_looking_name_that_redirects_inward_is_refused(
        allow_loopback, pages_and_twin, resolver) -> None:
    pages, twin = pages_and_twin
    resolver.set("public.example", ["127.0.0.1"])  # stands for a public host (allowed)
    for inward in (f"http://127.0.0.2:{pages.port}/", f"http://[::1]:{pages.port}/",
                   f"http://[::ffff:127.0.0.2]:{pages.port}/",
                   f"http://2130706434:{pages.port}/", "http://169.254.169.254/latest/"):
        with pytest.raises(FetchRefused) as refused:
            fetch(pages.url(f"/redirect?to={inward}", host="public.example"))
        assert refused.value.code == "address_refused", inward
    for other in ("file:///etc/passwd", "gopher://127.0.0.1/", "ftp://public.example/"):
        with pytest.raises(FetchRefused) as refused:
            fetch(pages.url(f"/redirect?to={other}&status=307", host="public.example"))
        assert refused.value.code == "scheme_refused"
    assert twin.connections == 0
    assert all(seen["path"].startswith("/redirect") for seen in pages.seen)


def test_a_dns_answer_that_changes_after_the_check_is_never_connected_to(
        allow_loopback, pages_and_twin, resolver) -> None:
    """The name is resolved once: the rebinding answer (127.0.0.2, same port, where a
    listener counts) would come on the second lookup, and there is none."""
    pages, twin = pages_and_twin
    resolver.set("rebind.example", ["127.0.0.1"], ["127.0.0.2"])
    result = fetch(pages.url("/page", host="rebind.example"))
    assert result.status == 200 and result.server_ip == "127.0.0.1"
    assert resolver.calls["rebind.example"] == 1
    assert pages.seen[-1]["headers"]["Host"] == f"rebind.example:{pages.port}"
    assert twin.connections == 0


def test_the_connection_goes_to_the_first_checked_answer(
        net_settings, listeners, resolver, monkeypatch) -> None:
    """A global answer on the lookup, 127.0.0.1 on any later one: the socket is opened
    to the global address (it fails here, offline), never to loopback."""
    opened: list[tuple[str, int]] = []

    def refuse(address, timeout):
        opened.append(address)
        raise ConnectionRefusedError("offline test")

    monkeypatch.setattr(client, "open_socket", refuse)
    resolver.set("rebind.example", ["93.184.216.34"], ["127.0.0.1"])
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://rebind.example:{listeners.port}/")
    assert refused.value.code == "connect_failed"
    assert opened == [("93.184.216.34", listeners.port)]
    assert resolver.calls["rebind.example"] == 1
    assert listeners.connections == 0


def test_the_pinned_backend_connects_only_the_checked_name(allow_loopback) -> None:
    target, found = check_url("http://127.0.0.1:9/")
    backend = client._PinnedBackend(target, found, client._Deadline(1), 1)
    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("127.0.0.2", 9)
    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("127.0.0.1", 10)


def test_redirects_are_followed_and_recorded_up_to_the_limit(allow_loopback, pages) -> None:
    result = fetch(pages.url("/hops?n=2"))  # 3 redirects: the most allowed
    assert result.status == 200 and result.final_url == pages.url("/page")
    assert [hop.status for hop in result.redirects] == [302] * 3
    assert result.redirects[0].url == pages.url("/hops?n=2")
    assert result.redirects[0].location == "/hops?n=1"
    assert all(hop.server_ip == "127.0.0.1" for hop in result.redirects)
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/hops?n=5"))
    assert refused.value.code == "too_many_redirects"


def test_each_hop_is_resolved_anew(allow_loopback, pages, resolver) -> None:
    resolver.set("a.example", ["127.0.0.1"])
    resolver.set("b.example", ["127.0.0.1"], ["10.0.0.1"])
    result = fetch(pages.url(f"/redirect?to=http://b.example:{pages.port}/page",
                             host="a.example"))
    assert result.status == 200 and resolver.calls == {"a.example": 1, "b.example": 1}
    with pytest.raises(FetchRefused) as refused:  # b.example now answers 10.0.0.1
        fetch(pages.url(f"/redirect?to=http://b.example:{pages.port}/page",
                        host="a.example"))
    assert refused.value.code == "address_refused"


def test_no_cookie_is_kept_or_sent_and_the_agent_is_neutral(allow_loopback, pages) -> None:
    result = fetch(pages.url("/cookie"))
    sent = json.loads(result.body)
    assert "Cookie" not in sent and "cookie" not in {k.lower() for k in sent}
    assert sent["User-Agent"] == "Mozilla/5.0 (compatible)"
    assert "abri" not in json.dumps(sent).lower()
    assert sent["Accept-Encoding"] == "identity"


def test_no_proxy_is_taken_from_the_environment(allow_loopback, pages, listeners,
                                                 monkeypatch) -> None:
    proxy = f"http://127.0.0.2:{listeners.port}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.setenv("NO_PROXY", "")
    assert fetch(pages.url("/page")).status == 200
    assert listeners.connections == 0


def test_the_body_is_cut_at_the_size_cap(allow_loopback, pages) -> None:
    result = fetch(pages.url("/huge"), max_bytes=3 * 1024 * 1024 + 5)
    assert result.truncated and len(result.body) == 3 * 1024 * 1024 + 5
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/huge"), max_bytes=1024 * 1024, allow_truncated=False)
    assert refused.value.code == "too_big"
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/declared"), max_bytes=1024, allow_truncated=False)
    assert refused.value.code == "too_big"
    small = fetch(pages.url("/page"), max_bytes=10)
    assert small.truncated and small.body == b"<!doctype "


def test_the_size_cap_setting_applies(allow_loopback, pages, monkeypatch) -> None:
    from helpline.config import get_settings

    monkeypatch.setenv("ABRI_NET_MAX_BYTES", "2048")
    get_settings.cache_clear()
    result = fetch(pages.url("/huge"))
    assert result.truncated and len(result.body) == 2048


def test_a_server_slow_to_answer_hits_the_deadline(allow_loopback, pages) -> None:
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/slow?s=3"), total_timeout=0.5)
    assert refused.value.code == "timeout"
    assert time.monotonic() - started < 1.5


def test_a_body_dribbled_slowly_hits_the_deadline_of_the_whole_fetch(
        allow_loopback, pages) -> None:
    """Each byte comes well within any read timeout; the fetch still ends on time."""
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/dribble"), total_timeout=0.8)
    assert refused.value.code == "timeout"
    assert time.monotonic() - started < 1.8


def test_the_deadline_setting_applies(allow_loopback, pages, monkeypatch) -> None:
    from helpline.config import get_settings

    monkeypatch.setenv("ABRI_NET_TOTAL_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url("/slow?s=3"))
    assert refused.value.code == "timeout" and time.monotonic() - started < 1.5


def test_nothing_listening_is_connect_failed(allow_loopback, listeners) -> None:
    listeners.all[0].close()  # 127.0.0.1: the port is now closed
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://127.0.0.1:{listeners.port}/")
    assert refused.value.code == "connect_failed"


def test_tls_keeps_the_name_and_records_the_certificate(allow_loopback, tls_pages,
                                                        resolver) -> None:
    resolver.set("tls.example", ["127.0.0.1"])
    url = tls_pages.server.url("/page", host="tls.example")
    result = fetch(url, ssl_context=tls_pages.client_context)
    assert result.status == 200 and result.server_ip == "127.0.0.1"
    assert tls_pages.server_names == ["tls.example"]  # SNI is the name, not the address
    assert tls_pages.server.seen[-1]["headers"]["Host"] == f"tls.example:{tls_pages.server.port}"
    assert result.tls is not None
    assert "CN=tls.example" in result.tls.subject and "O=Test" in result.tls.subject
    assert result.tls.issuer == "CN=Abri test CA"
    assert result.tls.sha256 == hashlib.sha256(tls_pages.leaf_der).hexdigest()
    assert result.tls.version.startswith("TLSv1.")


def test_a_certificate_for_another_name_is_refused(allow_loopback, tls_pages,
                                                   resolver) -> None:
    """The checked address is the server's, but the certificate must match the name."""
    resolver.set("other.example", ["127.0.0.1"])
    with pytest.raises(FetchRefused) as refused:
        fetch(tls_pages.server.url("/page", host="other.example"),
              ssl_context=tls_pages.client_context)
    assert refused.value.code == "tls_failed"


def test_an_untrusted_certificate_is_refused(allow_loopback, tls_pages, resolver) -> None:
    resolver.set("tls.example", ["127.0.0.1"])
    with pytest.raises(FetchRefused) as refused:
        fetch(tls_pages.server.url("/page", host="tls.example"))  # the system's CAs
    assert refused.value.code == "tls_failed"


def test_resolver_timeout_is_part_of_the_deadline(allow_loopback, monkeypatch) -> None:
    monkeypatch.setattr(addresses, "system_resolve", lambda h, p: time.sleep(2) or [])
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch("http://slow-dns.example/", total_timeout=0.4)
    assert refused.value.code == "timeout" and time.monotonic() - started < 1.5


@pytest.mark.parametrize(("url", "expected"), [
    ("http://93.184.216.34:{port}/", "93.184.216.34"),
    ("http://[2606:4700:4700::1111]:{port}/", "2606:4700:4700::1111"),
    ("http://1558499362:{port}/", "92.228.208.34"),  # a decimal spelling of a global one
])
def test_an_address_literal_is_connected_to_as_checked(net_settings, monkeypatch,
                                                        url, expected) -> None:
    opened: list[tuple[str, int]] = []

    def refuse(address, timeout):
        opened.append(address)
        raise ConnectionRefusedError("offline test")

    monkeypatch.setattr(client, "open_socket", refuse)
    with pytest.raises(FetchRefused) as refused:
        fetch(url.format(port=8080))
    assert refused.value.code == "connect_failed"
    assert opened == [(expected, 8080)]


def test_every_checked_answer_is_tried_in_order_and_nothing_else(
        net_settings, resolver, monkeypatch) -> None:
    opened: list[str] = []

    def refuse(address, timeout):
        opened.append(address[0])
        raise ConnectionRefusedError("offline test")

    monkeypatch.setattr(client, "open_socket", refuse)
    resolver.set("two.example", ["93.184.216.34", "2606:4700:4700::1111"])
    with pytest.raises(FetchRefused):
        fetch("http://two.example/")
    assert opened == ["93.184.216.34", "2606:4700:4700::1111"]


def test_a_refusal_is_logged_by_its_code_without_the_url(net_settings, caplog) -> None:
    with caplog.at_level("WARNING", logger="abri.net"), pytest.raises(FetchRefused):
        fetch("http://169.254.169.254/canary-secret-path")
    assert "fetch refused: address_refused" in caplog.text
    assert "canary" not in caplog.text and "169.254" not in caplog.text


def test_fetch_refused_is_a_refusal_the_pages_can_word(net_settings) -> None:
    from helpline.errors import Refused

    with pytest.raises(Refused) as refused:
        fetch("ftp://example.org/")
    assert isinstance(refused.value, FetchRefused) and refused.value.code == "scheme_refused"


@pytest.mark.parametrize("location", [
    "http://127.0.0.1\\@public.example/", "http://public.example@127.0.0.2/",
    "http:// 127.0.0.2/", "http://%31%32%37.0.0.2/", "http://[::1/"])
def test_a_malformed_redirect_is_refused(allow_loopback, pages, location) -> None:
    from urllib.parse import quote

    with pytest.raises(FetchRefused) as refused:
        fetch(pages.url(f"/redirect?to={quote(location)}"))
    assert refused.value.code in {"url_invalid", "address_refused"}


def test_head_reads_no_body(allow_loopback, pages) -> None:
    result = fetch(pages.url("/page"), method="HEAD")
    assert result.status == 200 and result.body == b"" and not result.truncated


def test_a_caller_cannot_set_the_headers_the_client_owns(allow_loopback, pages) -> None:
    result = fetch(pages.url("/echo"), headers={
        "Cookie": "a=b", "Host": "127.0.0.2", "User-Agent": "Abri/1.0",
        "Authorization": "Bearer x", "Accept-Language": "fr"})
    sent = json.loads(result.body)
    assert "Cookie" not in sent and "Authorization" not in sent
    assert sent["Host"] == f"127.0.0.1:{pages.port}"
    assert sent["User-Agent"] == "Mozilla/5.0 (compatible)"
    assert sent["Accept-Language"] == "fr"


def test_a_callers_header_replaces_the_default_whatever_its_case(allow_loopback,
                                                                   pages) -> None:
    fetch(pages.url("/echo"), headers={"accept": "image/png"})
    sent = [(k.lower(), v) for k, v in pages.seen[-1]["raw"]]
    assert [v for k, v in sent if k == "accept"] == ["image/png"]
