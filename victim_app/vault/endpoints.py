"""The safe's plain HTTP routes: the streaming upload (the raw file as the body, so the
page shows one progress bar per file and can cancel it) and the owner's downloads.

Neither goes through Reflex's upload path, which is served publicly and has no size
limit: the bytes stream from the socket into helpline.vault, which sniffs, limits,
hashes and encrypts them as they come, and never holds a whole file."""

from __future__ import annotations

from urllib.parse import unquote

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from helpline import events, vault
from helpline.config import Settings
from helpline.db import session_scope
from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.identity.victims import VictimPrincipal
from uikit import live
from webserver.requests import same_origin

VARIANTS = ("original", "working", "thumbnail", *vault.EVIDENCE_PARTS)
FILENAME_MAX = 1024  # percent-encoded: a name of a few hundred characters at most
STATUS = {"too_big": 413, "quota_full": 413, "type_refused": 415, "image_unreadable": 422,
          "empty": 422, "cut_off": 400, "not_found": 404, "invalid": 400, "too_long": 400}
# Served bytes are the victim's evidence, never a page of ours: nothing in them runs.
DOWNLOAD_HEADERS = {"x-content-type-options": "nosniff",
                    "content-security-policy": "sandbox; default-src 'none'",
                    "cache-control": "no-store", "cross-origin-resource-policy": "same-origin"}


def _refused(code: str, status: int, **extra) -> JSONResponse:
    return JSONResponse({"ok": False, "code": code, **extra}, status_code=status)


def _victim(request: Request, *, touch: bool = True) -> VictimPrincipal | None:
    """The live, unlocked session of the cookie, or None (a locked space opens nothing).
    ``touch=False``: not the person's own doing (a list's thumbnails loading), so an
    unattended phone still locks."""
    with session_scope() as db:
        found = victims.resolve(db, request.cookies.get(VICTIM_COOKIE), touch=touch)
    return found if found is not None and not found.locked else None


def _declared_size(request: Request) -> int | None:
    value = request.headers.get("content-length")
    return int(value) if value is not None and value.isdigit() else None


def _largest_mb(settings: Settings) -> int:
    return max(settings.vault_image_max_mb, settings.vault_video_max_mb,
               settings.vault_pdf_max_mb, settings.vault_text_max_mb)


def _item_json(item) -> dict:
    return {"id": item.id, "kind": item.kind, "sha256": item.sha256}


def endpoints(settings: Settings) -> list[Route]:
    async def upload(request: Request) -> Response:
        if not same_origin(request, settings):
            return _refused("forbidden", 403)
        victim = _victim(request)
        if victim is None:
            return _refused("session", 401)
        declared = _declared_size(request)
        # Before reading a byte: more than any kind may weigh is refused at once (the
        # kind's own limit and the quota are checked by the vault from the first bytes).
        if declared is not None and declared > _largest_mb(settings) * 1024 * 1024:
            return _refused("too_big", 413, limit_mb=_largest_mb(settings))
        raw_name = request.headers.get("x-vault-filename", "")
        if len(raw_name) > FILENAME_MAX:
            return _refused("too_long", 400)
        filename = unquote(raw_name, errors="replace")
        try:
            item = await vault.receive_upload(victim, filename, declared, request.stream())
        except vault.VaultError as refused:
            extra = {"limit_mb": refused.limit_mb} if getattr(refused, "limit_mb", None) else {}
            return _refused(refused.code, STATUS.get(refused.code, 400), **extra)
        except ClientDisconnect:  # the page cancelled: the vault kept nothing
            return _refused("cut_off", 400)
        live.publish(events.VaultChanged(victim.victim_id))
        return JSONResponse({"ok": True, "item": _item_json(item)}, status_code=201)

    async def download(request: Request) -> Response:
        variant = request.path_params["variant"]
        victim = _victim(request, touch=variant == "original")
        if victim is None or variant not in VARIANTS:
            return Response(status_code=404, headers=DOWNLOAD_HEADERS)
        try:
            with session_scope() as db:
                found = vault.open_for_victim(db, victim, request.path_params["item_id"],
                                              variant)
        except vault.VaultError:  # never says whether it exists for someone else
            return Response(status_code=404, headers=DOWNLOAD_HEADERS)
        headers = {**DOWNLOAD_HEADERS, "content-disposition": found.content_disposition,
                   "content-length": str(found.size)}
        return StreamingResponse(found.chunks(), media_type=found.content_type,
                                 headers=headers)

    async def dossier(request: Request) -> Response:
        """The ticked items as one signed ZIP (helpline.vault.dossier), built on disk in a
        thread, streamed, then removed."""
        victim = _victim(request)
        raw = request.query_params.get("items", "")
        if victim is None or not raw or len(raw) > 64 * 210:
            return Response(status_code=404, headers=DOWNLOAD_HEADERS)
        locale = "en" if request.query_params.get("lang") == "en" else "fr"

        def build():
            with session_scope() as db:
                return vault.export_dossier(db, victim, raw.split(","), locale=locale)
        try:
            made = await run_in_threadpool(build)
        except vault.VaultError:
            return Response(status_code=404, headers=DOWNLOAD_HEADERS)
        headers = {**DOWNLOAD_HEADERS, "content-length": str(made.size),
                   "content-disposition": f'attachment; filename="{made.filename}"'}
        return StreamingResponse(made.chunks(), media_type="application/zip",
                                 headers=headers, background=BackgroundTask(made.discard))

    async def dossier_key(_request: Request) -> Response:
        pem = await run_in_threadpool(vault.dossier_public_key)
        return Response(pem, media_type="application/x-pem-file",
                        headers={"x-content-type-options": "nosniff",
                                 "cache-control": "public, max-age=3600"})

    return [Route("/api/vault/upload", upload, methods=["POST"]),
            Route("/api/vault/dossier", dossier, methods=["GET"]),
            Route("/.well-known/abri-dossier-key.pem", dossier_key, methods=["GET"]),
            Route("/api/vault/items/{item_id}/{variant}", download, methods=["GET"])]
