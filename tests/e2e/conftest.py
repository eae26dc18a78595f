"""End-to-end fixtures: the real app in production mode, driven by Debian's Chromium."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import oidc_provider_mock
import pytest

from harness.appserver import ROOT, AppServer
from harness.chromium import CHROMIUM_ARGS, CHROMIUM_PATH
from tests.e2e.pages.base import DESKTOP, PHONE  # noqa: F401 (the sizes tests use)

ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class _Neutral(BaseHTTPRequestHandler):
    """Stands in for the neutral site quick exit leaves for (the weather)."""

    def do_GET(self) -> None:
        body = "<!doctype html><title>Météo</title><h1>Météo de Paris</h1>".encode()
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="session")
def neutral_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Neutral)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/meteo"
    server.shutdown()


@pytest.fixture(scope="session")
def oidc_issuer() -> Iterator[str]:
    """A real OpenID Connect provider on 127.0.0.1 for staff single sign-on."""
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, neutral_url, oidc_issuer) -> Iterator[AppServer]:
    data = tmp_path_factory.mktemp("abri-e2e")
    # A fixed port keeps the test build reusable between runs (the port is baked in).
    port = int(os.environ.get("ABRI_E2E_PORT", "3917"))
    server = AppServer.isolated(
        data, port, ABRI_QUICK_EXIT_URL=neutral_url, ABRI_OIDC_ISSUER=oidc_issuer,
        ABRI_OIDC_CLIENT_ID="abri", ABRI_OIDC_CLIENT_SECRET="abri-e2e-secret",
        ABRI_OIDC_LABEL="Académie", ABRI_OPENING_HOURS="24/7")
    server.build()
    yield server
    server.stop()


@pytest.fixture
def quiet_helpline(app_server: AppServer) -> None:
    """End every conversation earlier tests left open: this test's tables hold only its
    own."""
    with sqlite3.connect(f"{app_server.base_env['ABRI_DATA_DIR']}/abri.db") as conn:
        conn.execute("UPDATE conversation SET status = 'ended' "
                     "WHERE status IN ('waiting', 'active', 'message_left')")


@pytest.fixture
def app_url(app_server: AppServer) -> str:
    return app_server.ensure()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH,
            "args": CHROMIUM_ARGS}


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs (CSP violations show up here)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def screenshot(page, name: str) -> Path:
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path

