"""Capturing a link: the job (huey immediate mode) fetches a page served on 127.0.0.1
(allowed only by the test setting), keeps the HTTP answer, a screenshot and a PDF as
encrypted derivatives with their hashes in the custody log; refused or failing targets
leave a failed capture with its code and nothing kept; a second run captures nothing
more."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from helpline import vault
from helpline.config import get_settings
from helpline.db import session_scope
from helpline.jobs.capture import capture_link, queue_capture
from helpline.models import CustodyEntry, VaultItem
from helpline.models.vault import VaultCapture
from helpline.vault import capture, custody

PAGE = (b"<!doctype html><html><head><title>Post</title></head><body style='margin:0'>"
        b"<h1>Un message blessant</h1><p>publie par @quelquun</p>"
        b"<img src='/pixel.png'></body></html>")
LOGIN = b"<html><body><form><input name=u><input type='password' name=p></form></body></html>"


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        routes = {"/post": (200, "text/html; charset=utf-8", PAGE),
                  "/login": (200, "text/html", LOGIN),
                  "/private": (403, "text/html", b"<p>forbidden</p>"),
                  "/gone": (404, "text/html", b"<p>not here</p>"),
                  "/big": (200, "text/html", b"x" * 3_000_000)}
        if self.path == "/moved" or self.path.startswith("/inward"):
            self.send_response(302)
            self.send_header("Location", "/post" if self.path == "/moved"
                             else self.path.split("?to=", 1)[1])
            self.end_headers()
            return
        if self.path.startswith("/sneaky"):
            port = self.path.split("?port=", 1)[1]
            body = (f"<html><body><h1>ok</h1><img src='http://127.0.0.2:{port}/a.png'>"
                    f"<img src='http://[::1]:{port}/b.png'>"
                    f"<script>fetch('http://127.0.0.2:{port}/c');"
                    f"new WebSocket('ws://127.0.0.2:{port}/d')</script>"
                    f"<iframe src='http://10.0.0.1/'></iframe></body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/pixel.png":
            status, kind, body = 200, "image/png", _pixel()
        else:
            status, kind, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _pixel() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "purple").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def jobs(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABRI_JOBS_IMMEDIATE", "1")
    monkeypatch.setenv("ABRI_NET_PORTS", "[]")
    monkeypatch.setenv("ABRI_NET_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("ABRI_NET_MAX_BYTES", "2000000")
    get_settings.cache_clear()


def _add(victim, url: str) -> str:
    with session_scope() as db:
        item = vault.add_link(db, victim, vault.LinkForm.from_form({"url": url}))
        assert vault.request_capture(db, victim, item.id)
    return item.id


def _capture(victim, url: str) -> str:
    item_id = _add(victim, url)
    queue_capture(item_id)
    return item_id


def _status(victim, item_id: str) -> capture.CaptureStatus:
    with session_scope() as db:
        return vault.capture_statuses(db, victim, [item_id])[item_id]


def _children(item_id: str) -> list[VaultItem]:
    with session_scope() as db:
        return list(db.exec(select(VaultItem).where(VaultItem.parent_id == item_id)).all())


def test_a_local_page_is_captured_with_its_answer_screenshot_and_pdf(jobs, victim,
                                                                     server) -> None:
    item_id = _capture(victim, f"{server}/moved")
    status = _status(victim, item_id)
    assert (status.state, status.code) == ("captured", "")
    assert status.details["final_url"] == f"{server}/post"
    assert status.details["status"] == 200 and status.details["server_ip"] == "127.0.0.1"
    assert set(status.variants) == set(capture.VARIANTS)
    with session_scope() as db:
        record = json.loads(vault.capture_bytes(db, victim, item_id, "http"))
        body = vault.capture_bytes(db, victim, item_id, "body")
        png = vault.capture_bytes(db, victim, item_id, "screenshot")
        pdf = vault.capture_bytes(db, victim, item_id, "pdf")
        thumb = vault.capture_bytes(db, victim, item_id, "shot-thumb")
    assert record["final_url"] == f"{server}/post" and record["status"] == 200
    assert record["redirects"][0]["status"] == 302 and record["tls"] is None
    assert ["Content-Type", "text/html; charset=utf-8"] in record["headers"]
    assert record["fetched_at"].endswith("+00:00")
    assert body == PAGE and record["body_sha256"] == hashlib.sha256(PAGE).hexdigest()
    assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
    assert thumb.startswith(b"\xff\xd8")
    assert "/pixel.png" in Handler.hits  # the browser's subresource, through the guard
    # Each part: its SHA-256 in the custody log, and the bytes on disk encrypted.
    children = {c.derivative: c for c in _children(item_id)}
    assert children["screenshot"].sha256 == hashlib.sha256(png).hexdigest()
    with session_scope() as db:
        entries = {e.item_id: e for e in db.exec(select(CustodyEntry).where(
            CustodyEntry.action == "capture")).all()}
        assert custody.first_break(custody.chain(db, victim.victim_id)) is None
    for child in children.values():
        assert entries[child.id].item_sha256 == child.sha256
        assert entries[child.id].detail == f"{child.derivative} of {item_id}"
    blob_dir = get_settings().blob_dir
    on_disk = b"".join(p.read_bytes() for p in blob_dir.rglob("*") if p.is_file())
    assert b"Un message blessant" not in on_disk and b"%PDF" not in on_disk


def test_the_owner_downloads_the_evidence_parts_each_logged_not_the_copies(
        jobs, victim, other, server) -> None:
    item_id = _capture(victim, f"{server}/post")
    got = {}
    with session_scope() as db:
        for part in vault.EVIDENCE_PARTS:
            found = vault.open_for_victim(db, victim, item_id, part)
            got[part] = (found, b"".join(found.chunks()))
        for copy in ("shot-thumb", "shot-working", "original", "working", "thumbnail"):
            with pytest.raises(vault.VaultError):
                vault.open_for_victim(db, victim, item_id, copy)
        with pytest.raises(vault.VaultError):
            vault.open_for_victim(db, other, item_id, "screenshot")
    png, pdf = got["screenshot"], got["pdf"]
    assert png[1].startswith(b"\x89PNG") and png[0].content_type == "image/png"
    assert pdf[1].startswith(b"%PDF") and 'filename="' in pdf[0].content_disposition
    assert got["body"][1] == PAGE and got["body"][0].content_disposition.startswith("attachment")
    assert json.loads(got["http"][1])["status"] == 200
    assert got["http"][0].content_disposition.split('filename="')[1].split('"')[0].endswith(
        ".json")
    for part, (found, data) in got.items():
        assert found.sha256 == hashlib.sha256(data).hexdigest(), part
    with session_scope() as db:
        logged = [e.detail for e in db.exec(select(CustodyEntry).where(
            CustodyEntry.action == "download")).all()]
        assert sorted(logged) == sorted(vault.EVIDENCE_PARTS)
        assert custody.first_break(custody.chain(db, victim.victim_id)) is None


def test_the_job_run_twice_captures_once(jobs, victim, server) -> None:
    item_id = _capture(victim, f"{server}/post")
    first = {c.derivative: c.id for c in _children(item_id)}
    assert capture_link.call_local(item_id) == "captured"
    capture_link(item_id)
    assert {c.derivative: c.id for c in _children(item_id)} == first
    assert Handler.hits.count("/post") == 2  # the fetch, and the browser's visit: once
    with session_scope() as db:
        assert not vault.request_capture(db, victim, item_id)  # captured: nothing to redo


@pytest.mark.parametrize(("path", "code"), [("/login", "login_wall"),
                                            ("/private", "login_wall"),
                                            ("/gone", "not_found"), ("/big", "too_big")])
def test_pages_that_cannot_be_kept_fail_with_their_reason(jobs, victim, server, path,
                                                          code) -> None:
    item_id = _capture(victim, f"{server}{path}")
    status = _status(victim, item_id)
    assert (status.state, status.code) == ("failed", code)
    assert _children(item_id) == [] and status.variants == {}


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/latest/",
                                 "http://[::ffff:127.0.0.1]:8080/", "http://0x7f000001/",
                                 "http://192.168.1.1/"])
def test_refused_addresses_fail_and_keep_nothing(jobs, victim, url, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_NET_ALLOW_LOOPBACK", "0")
    get_settings.cache_clear()
    item_id = _capture(victim, url)
    status = _status(victim, item_id)
    assert (status.state, status.code) == ("failed", "address_refused")
    assert _children(item_id) == []


def test_loopback_is_refused_without_the_test_setting(jobs, victim, server,
                                                     monkeypatch) -> None:
    monkeypatch.delenv("ABRI_NET_ALLOW_LOOPBACK")
    get_settings.cache_clear()
    item_id = _capture(victim, f"{server}/post")
    assert _status(victim, item_id).code == "address_refused"
    assert Handler.hits == []


def test_connection_failed_and_retry_from_a_failure(jobs, victim, server) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nobody listens there now
    item_id = _capture(victim, f"http://127.0.0.1:{port}/post")
    assert _status(victim, item_id).code == "connection_failed"
    with session_scope() as db:
        assert vault.request_capture(db, victim, item_id)  # « Capturer la page » again
    assert _status(victim, item_id).state == "pending"


def test_a_slow_page_times_out(jobs, victim, server, monkeypatch) -> None:
    monkeypatch.setattr(capture, "PAGE_TIMEOUT_S", 0.001)
    item_id = _capture(victim, f"{server}/post")
    status = _status(victim, item_id)
    assert (status.state, status.code) == ("failed", "timeout")
    assert _children(item_id) == []


def test_only_the_owner_sees_a_capture_and_deleting_the_link_removes_it(
        jobs, victim, other, server) -> None:
    item_id = _capture(victim, f"{server}/post")
    with session_scope() as db:
        assert vault.capture_statuses(db, other) == {}
        with pytest.raises(vault.VaultError):
            vault.capture_bytes(db, other, item_id, "screenshot")
        with pytest.raises(vault.VaultError):
            vault.request_capture(db, other, item_id)
    with session_scope() as db:
        vault.delete_item(db, victim, item_id)
    with session_scope() as db:
        assert db.get(VaultCapture, item_id) is None
        assert db.exec(select(VaultItem).where(VaultItem.parent_id == item_id)).all() == []


def test_a_run_lost_mid_way_is_resumed_and_stores_once(jobs, victim, server) -> None:
    item_id = _add(victim, f"{server}/post")
    claimed = capture._claim(item_id)  # a consumer took it, then was killed -9
    assert claimed is not None
    assert capture.run_capture(item_id) == "running"  # not stale yet: left alone
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        row.started_at = row.started_at - capture.STALE * 2
        db.add(row)
    with session_scope() as db:
        assert capture.resumable(db) == [item_id]
    assert capture.run_capture(item_id) == "captured"
    # The lost run coming back late stores nothing: its claim is no longer the one.
    assert capture._store(item_id, claimed[0], None, []) is False  # type: ignore[arg-type]
    assert len(_children(item_id)) == len(capture.VARIANTS)


def test_no_request_of_a_capture_reaches_an_inward_listener(jobs, victim, server) -> None:
    """Only 127.0.0.1 is let through by the test setting: a redirect to 127.0.0.2 is
    refused, and a captured page's subresources, scripts' fetches and websockets to
    127.0.0.2 and ::1 never connect."""
    from tests.helpline.net.conftest import _listeners_on_one_port

    port, listeners = _listeners_on_one_port(["127.0.0.2", "::1"])
    try:
        redirected = _capture(victim, f"{server}/inward?to=http://127.0.0.2:{port}/")
        assert _status(victim, redirected).code == "address_refused"
        assert _children(redirected) == []
        page = _capture(victim, f"{server}/sneaky?port={port}")
        assert _status(victim, page).state == "captured"
        import time

        time.sleep(0.2)
        assert sum(listener.connections for listener in listeners) == 0
    finally:
        for listener in listeners:
            listener.close()


def test_the_periodic_resume_queues_lost_captures_again(jobs, victim, server) -> None:
    from helpline.jobs.capture import resume_captures

    item_id = _add(victim, f"{server}/post")  # asked for, but its job never queued
    assert resume_captures.call_local() == 0  # not lost yet: a job may still come
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        row.requested_at = row.requested_at - capture.STALE * 2
        db.add(row)
    assert resume_captures.call_local() == 1  # queued, and run here (immediate mode)
    assert _status(victim, item_id).state == "captured"
    assert resume_captures.call_local() == 0
