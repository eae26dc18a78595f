"""Capturing a link: the page as the server got it, kept in the safe before it disappears.

``request_capture`` (the victim added a link, or asked again) marks the link's capture
pending; the caller enqueues ``helpline.jobs.capture.capture_link`` after its commit.
``run_capture`` is that job's work, in three steps, each its own transaction:

1. claim: pending (or running for longer than ``STALE``: a run lost with its consumer)
   becomes running, and the attempt's number grows; anything else (captured, running
   now elsewhere, failed, gone) is left alone, so running the job twice captures once;
2. the page, outside any transaction: ``helpline.net.fetch`` for the HTTP answer, then
   Chromium through ``helpline.net.browser`` (every request guarded) at the fetched
   final URL, for a full-page PNG screenshot and a PDF;
3. store, only if the claim is still ours: each part an encrypted derivative of the
   link (``store.write_small``: the safe's framing and blobs), each with its SHA-256 in
   the custody log; or the failure and its code. A failed capture keeps nothing: the
   item stays a plain link (the page says to take a screenshot and add it).

Derivatives (``VaultItem.derivative``): ``http`` (JSON: final URL, status, headers,
server IP, TLS subject and fingerprint, UTC time, redirects, the body's hash), ``body``
(the bytes the server sent), ``screenshot`` (PNG), ``pdf``, and for the page
``shot-thumb`` and ``shot-working`` (JPEG copies of the screenshot's top).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from helpline import crypto
from helpline.db import session_scope
from helpline.identity.victims import VictimPrincipal
from helpline.models import VaultBlob, VaultItem
from helpline.models._common import aware, utcnow
from helpline.models.vault import VaultCapture
from helpline.net import FetchRefused, FetchResult, fetch
from helpline.vault import blobs, custody, store
from helpline.vault.errors import VaultError

log = logging.getLogger("abri.capture")

STATES = ("pending", "running", "captured", "failed")
# What the page says in words (vault.capture.code.<code>).
CODES = ("address_refused", "timeout", "too_big", "login_wall", "not_found",
         "connection_failed", "browser_failed", "quota_full", "error")
VARIANTS = ("http", "body", "screenshot", "pdf", "shot-thumb", "shot-working")
# The parts that are evidence, which the owner may download (the JPEG copies are ours).
EVIDENCE_PARTS = ("screenshot", "pdf", "http", "body")
DETAILS = "vault-capture-details"
STALE = timedelta(minutes=5)  # a run still "running" after this was lost with its consumer
PAGE_TIMEOUT_S = 30.0  # the browser's whole visit: navigation, screenshot and PDF
VIEWPORT = {"width": 1280, "height": 900}
THUMB_PX = 320
WORKING_WIDTH, WORKING_MAX_HEIGHT = 720, 2400
_REFUSAL_CODES = {"address_refused": "address_refused", "port_refused": "address_refused",
                  "scheme_refused": "address_refused", "url_invalid": "address_refused",
                  "timeout": "timeout", "too_big": "too_big"}
_PASSWORD = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)


class CaptureFailed(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CaptureStatus:
    item_id: str
    state: str  # pending, running, captured, failed
    code: str  # why it failed ("" otherwise)
    details: dict[str, Any]  # final_url, status, server_ip, tls_subject, tls_sha256, fetched_at
    variants: dict[str, str]  # derivative -> its SHA-256


# ---- asking ----------------------------------------------------------------------------


def _link(db: DbSession, victim_id: str, item_id: object) -> VaultItem:
    from helpline.vault.service import owned

    item = owned(db, victim_id, item_id)
    if item.kind != "link":
        raise VaultError("not_found")
    return item


def _busy(row: VaultCapture, now) -> bool:
    """Pending or running for less than STALE: a job has it (or will)."""
    since = row.started_at if row.state == "running" else row.requested_at
    return row.state in ("pending", "running") and now - aware(since or now) < STALE


def request_capture(db: DbSession, victim: VictimPrincipal, item_id: str) -> bool:
    """Mark this link's capture pending; True when a job should now be enqueued (after
    the commit). A capture already done, or pending or running now, is left as it is."""
    from helpline.vault.service import account

    victim_id = account(db, victim)
    item = _link(db, victim_id, item_id)
    row = db.get(VaultCapture, item.id)
    now = utcnow()
    if row is None:
        row = VaultCapture(item_id=item.id, victim_id=victim_id)
    elif row.state == "captured" or _busy(row, now):
        return False
    row.state, row.code, row.requested_at, row.finished_at = "pending", "", now, None
    db.add(row)
    db.flush()
    return True


def note_job(item_id: str, job_id: str) -> None:
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        if row is not None:
            row.job_id = job_id[:64]
            db.add(row)


def statuses(db: DbSession, victim: VictimPrincipal,
             item_ids: list[str] | None = None) -> dict[str, CaptureStatus]:
    """The account's captures (of these links), by item id."""
    from helpline.vault.service import account

    victim_id = account(db, victim)
    query = select(VaultCapture).where(VaultCapture.victim_id == victim_id)
    if item_ids is not None:
        if not item_ids:
            return {}
        query = query.where(col(VaultCapture.item_id).in_(item_ids))
    rows = list(db.exec(query).all())
    ids = [r.item_id for r in rows]
    variants: dict[str, dict[str, str]] = {}
    if ids:
        for parent, variant, sha in db.exec(select(
                VaultItem.parent_id, VaultItem.derivative, VaultItem.sha256).where(
                col(VaultItem.parent_id).in_(ids),
                col(VaultItem.derivative).in_(VARIANTS))).all():
            variants.setdefault(parent or "", {})[variant or ""] = sha
    found = {}
    for row in rows:
        details = {}
        if row.details_enc:
            details = json.loads(crypto.open_text(
                DETAILS, row.details_enc, store.context(row.item_id, victim_id)) or "{}")
        found[row.item_id] = CaptureStatus(row.item_id, row.state, row.code, details,
                                           variants.get(row.item_id, {}))
    return found


def capture_bytes(db: DbSession, victim: VictimPrincipal, item_id: str, variant: str) -> bytes:
    """One part of a link's capture, for its owner (the page shows ``shot-thumb`` and
    ``shot-working``); not_found when there is none."""
    from helpline.vault.service import account

    victim_id = account(db, victim)
    item = _link(db, victim_id, item_id)
    if variant not in VARIANTS:
        raise VaultError("not_found")
    child = db.exec(select(VaultItem).where(VaultItem.parent_id == item.id,
                                            VaultItem.derivative == variant)).first()
    blob = store.blob_of(db, child) if child is not None else None
    if blob is None:
        raise VaultError("not_found")
    return store.read_all(blob)


def resumable(db: DbSession) -> list[str]:
    """Captures a lost job left behind (pending or running for longer than STALE)."""
    before = utcnow() - STALE
    rows = db.exec(select(VaultCapture).where(
        ((VaultCapture.state == "pending") & (col(VaultCapture.requested_at) < before))
        | ((VaultCapture.state == "running") & (col(VaultCapture.started_at) < before))))
    return [r.item_id for r in rows.all()]


# ---- the job -------------------------------------------------------------------------


def _claim(item_id: str) -> tuple[int, str, str] | None:
    """(attempt, victim id, URL) when this run may capture; None otherwise."""
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        if row is None or row.state in ("captured", "failed"):
            return None
        now = utcnow()
        if row.state == "running" and now - aware(row.started_at or now) < STALE:
            return None
        item = db.get(VaultItem, item_id)
        if item is None:
            return None
        row.state, row.attempt, row.started_at = "running", row.attempt + 1, now
        db.add(row)
        db.flush()
        return row.attempt, item.victim_id, store.opened(store.URL, item, item.url_enc)


def _ours(db: DbSession, item_id: str, attempt: int) -> VaultCapture | None:
    row = db.get(VaultCapture, item_id)
    if row is None or row.state != "running" or row.attempt != attempt:
        return None
    return row


def _fail(item_id: str, attempt: int, code: str) -> None:
    with session_scope() as db:
        row = _ours(db, item_id, attempt)
        if row is not None:
            row.state, row.code, row.finished_at = "failed", code, utcnow()
            db.add(row)


def mark_failed(item_id: str, code: str = "error") -> None:
    """The job failed for good (its retries spent): say so, whatever the attempt."""
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        if row is not None and row.state in ("pending", "running"):
            row.state, row.code, row.finished_at = "failed", code, utcnow()
            db.add(row)


def _release(item_id: str, attempt: int) -> None:
    """An unexpected error: back to pending, for the job's retry to claim again."""
    with session_scope() as db:
        row = _ours(db, item_id, attempt)
        if row is not None:
            row.state = "pending"
            db.add(row)


def login_wall(result: FetchResult) -> bool:
    """A 401/403 answer, or an HTML page that is a sign-in form."""
    if result.status in (401, 403, 407):
        return True
    kind = (result.header("content-type") or "").lower()
    return ("html" in kind or not kind) and bool(_PASSWORD.search(result.body))


def _http_record(result: FetchResult) -> bytes:
    tls = result.tls
    record = {
        "url": result.url, "final_url": result.final_url, "status": result.status,
        "headers": [[k, v] for k, v in result.headers], "server_ip": result.server_ip,
        "fetched_at": result.fetched_at.isoformat(),
        "tls": None if tls is None else {
            "subject": tls.subject, "issuer": tls.issuer, "sha256": tls.sha256,
            "not_before": tls.not_before.isoformat(), "not_after": tls.not_after.isoformat(),
            "version": tls.version},
        "redirects": [{"url": h.url, "status": h.status, "server_ip": h.server_ip,
                       "location": h.location} for h in result.redirects],
        "body_sha256": hashlib.sha256(result.body).hexdigest(),
        "body_size": len(result.body), "truncated": result.truncated,
    }
    return json.dumps(record, ensure_ascii=False, indent=1).encode()


def _details(result: FetchResult) -> dict[str, Any]:
    return {"final_url": result.final_url, "status": result.status,
            "server_ip": result.server_ip, "fetched_at": result.fetched_at.isoformat(),
            "tls_subject": result.tls.subject if result.tls else "",
            "tls_sha256": result.tls.sha256 if result.tls else ""}


def _browse(url: str, timeout_s: float) -> tuple[bytes, bytes]:
    """The page in Chromium under the client's rules: (PNG screenshot, PDF)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from helpline.net.browser import guarded_context, launch_chromium

    end = time.monotonic() + timeout_s

    def left_ms() -> float:
        left = end - time.monotonic()
        if left <= 0:
            raise CaptureFailed("timeout")
        return left * 1000

    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright, headless=True)
            try:
                context, _guard = guarded_context(browser, viewport=VIEWPORT,
                                                  java_script_enabled=True)
                page = context.new_page()
                page.goto(url, wait_until="load", timeout=left_ms())
                png = page.screenshot(full_page=True, type="png", timeout=left_ms(),
                                      animations="disabled")
                left_ms()
                pdf = page.pdf(print_background=True, format="A4")
                left_ms()
                context.close()
            finally:
                browser.close()
    except PlaywrightTimeout:
        raise CaptureFailed("timeout") from None
    except PlaywrightError as exc:
        log.warning("capture: browser failed: %s", type(exc).__name__)
        raise CaptureFailed("browser_failed") from None
    return png, pdf


def _pictures(png: bytes) -> list[tuple[str, str, bytes]]:
    from PIL import Image

    with Image.open(io.BytesIO(png), formats=("PNG",)) as image:
        image.load()
        rgb = image.convert("RGB")
    width, height = rgb.size
    working = rgb
    if width > WORKING_WIDTH:
        working = rgb.resize((WORKING_WIDTH, max(1, round(height * WORKING_WIDTH / width))))
    working = working.crop((0, 0, working.width, min(working.height, WORKING_MAX_HEIGHT)))
    thumb = rgb.crop((0, 0, width, min(height, round(width * 1.25))))
    thumb.thumbnail((THUMB_PX, THUMB_PX))
    out = []
    for variant, picture, quality in (("shot-working", working, 82), ("shot-thumb", thumb, 78)):
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=quality)
        out.append((variant, "image/jpeg", buffer.getvalue()))
    return out


def _store(item_id: str, attempt: int, result: FetchResult,
           parts: list[tuple[str, str, bytes]]) -> bool:
    from helpline.vault.service import quota_bytes, used_bytes

    writers: list[store.BlobWriter] = []
    try:
        with session_scope() as db:
            row = _ours(db, item_id, attempt)
            item = db.get(VaultItem, item_id)
            if row is None or item is None:
                return False
            if used_bytes(db, item.victim_id) + sum(len(p[2]) for p in parts) > quota_bytes():
                row.state, row.code, row.finished_at = "failed", "quota_full", utcnow()
                db.add(row)
                return False
            # An earlier run that stored and then lost its claim: its parts go first.
            old = list(db.exec(select(VaultItem).where(
                VaultItem.parent_id == item.id, col(VaultItem.derivative).in_(VARIANTS))).all())
            if old:
                old_blobs = [b.id for b in db.exec(select(VaultBlob).where(
                    col(VaultBlob.item_id).in_([o.id for o in old]))).all()]
                for child in old:
                    db.delete(child)
                db.flush()
                blobs.remove_after_commit(db, old_blobs)
            now = utcnow()
            for variant, content_type, data in parts:
                child = VaultItem(victim_id=item.victim_id, kind="capture", parent_id=item.id,
                                  derivative=variant, content_type=content_type, sha256="",
                                  created_at=now, updated_at=now)
                blob, writer = store.write_small(child, data)
                writers.append(writer)
                db.add(child)
                db.flush()
                db.add(blob)
                custody.append(db, item.victim_id, child.id, "capture", actor_kind="system",
                               actor_id="capture", item_sha256=child.sha256,
                               detail=f"{variant} of {item.id}")
            db.flush()
            blobs.remove_on_rollback(db, [w.blob_id for w in writers])
            row.state, row.code, row.finished_at = "captured", "", utcnow()
            row.details_enc = crypto.seal(DETAILS, json.dumps(_details(result)),
                                          store.context(item.id, item.victim_id))
            db.add(row)
        return True
    except BaseException:
        for writer in writers:
            writer.discard()
        raise


def run_capture(item_id: str, *, page_timeout_s: float | None = None) -> str:
    """The job: capture this link once; returns the state it left (or found) it in."""
    claim = _claim(item_id)
    if claim is None:
        with session_scope() as db:
            row = db.get(VaultCapture, item_id)
            return row.state if row is not None else "gone"
    attempt, _victim_id, url = claim
    try:
        try:
            result = fetch(url, allow_truncated=False)
        except FetchRefused as refused:
            raise CaptureFailed(_REFUSAL_CODES.get(refused.code, "connection_failed")) from None
        if login_wall(result):
            raise CaptureFailed("login_wall")
        if result.status in (404, 410):
            raise CaptureFailed("not_found")
        # Playwright's sync API refuses a thread whose event loop runs (an async caller, a
        # test run holding Playwright's own loop): the browser gets a thread of its own.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            png, pdf = pool.submit(_browse, result.final_url,
                                   page_timeout_s or PAGE_TIMEOUT_S).result()
        parts = [("http", "application/json", _http_record(result)),
                 ("body", "application/octet-stream", result.body),
                 ("screenshot", "image/png", png), ("pdf", "application/pdf", pdf),
                 *_pictures(png)]
    except CaptureFailed as failed:
        _fail(item_id, attempt, failed.code)
        return "failed"
    except BaseException:
        _release(item_id, attempt)
        raise
    try:
        stored = _store(item_id, attempt, result, parts)
    except BaseException:
        _release(item_id, attempt)
        raise
    with session_scope() as db:
        row = db.get(VaultCapture, item_id)
        return row.state if row is not None else ("captured" if stored else "gone")
