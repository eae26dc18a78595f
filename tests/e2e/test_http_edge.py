"""Headers on real responses of the running app, and a CSP the built app obeys."""

from __future__ import annotations

import httpx


def test_pages_and_api_carry_security_headers(app_url) -> None:
    for path in ("/", "/staff/login/", "/api/health", "/abri.js"):
        h = httpx.get(app_url + path).headers
        assert "script-src 'self' 'sha256-" in h["content-security-policy"], path
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["cache-control"] == "no-store", path
        assert h["referrer-policy"] == "no-referrer"
        assert h["x-content-type-options"] == "nosniff"


def test_cors_allows_only_the_configured_origin(app_url) -> None:
    ours = httpx.get(app_url + "/ping", headers={"origin": app_url})
    assert ours.headers.get("access-control-allow-origin") == app_url
    theirs = httpx.get(app_url + "/ping", headers={"origin": "https://evil.example"})
    assert theirs.headers.get("access-control-allow-origin") is None


def test_websocket_refuses_a_foreign_origin(app_url) -> None:
    # Engine.IO polling handshake: a foreign Origin must be rejected.
    url = app_url + "/_event/?EIO=4&transport=polling"
    assert httpx.get(url, headers={"origin": "https://evil.example"}).status_code >= 400


def test_no_badge_and_no_console_errors(page, app_url, console_errors) -> None:
    page.goto(app_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Built with Reflex").count() == 0
    assert console_errors == [], console_errors


def test_a_clean_start_warns_of_nothing_deprecated(app_server, app_url) -> None:
    """What a newcomer sees when the server starts: no deprecation warning of ours (a
    form control submitted by its id, a library fallback we could avoid…)."""
    httpx.get(app_url + "/")
    logs = sorted(app_server.log_dir.glob("server-*.log"))
    assert logs
    started = logs[-1].read_text("utf-8", errors="replace")
    assert "deprecat" not in started.lower(), started[:2000]
