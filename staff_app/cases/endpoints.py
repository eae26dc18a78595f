"""The staff download routes for shared evidence.

``GET /staff/api/vault/items/{id}/{variant}``: the working copy or thumbnail of an item
the victim shared and has not withdrawn (``helpline.vault.open_for_staff`` decides).
``GET /staff/api/vault/original/{ticket}``: an original, once the staff member
re-entered their password or code (``grant_original``, from the page's dialog).

Every answer is ``no-store``, ``nosniff`` and sandboxed; bytes are decrypted segment by
segment as they stream. Anything not there to see — unknown, unshared, withdrawn,
another variant — is the same 404, so the route tells nobody what exists.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from helpline import vault
from helpline.config import Settings
from helpline.db import session_scope
from helpline.errors import Refused
from helpline.identity.sessions import STAFF_COOKIE, StaffPrincipal, resolve_staff
from staff_app.cases import CASE_ROLES

STAFF_VARIANTS = ("working", "thumbnail")  # an original only through a ticket
SANDBOX = "sandbox; default-src 'none'"
MAX_ID = 64
MAX_TICKET = 1024


def _refused(status: int) -> Response:
    return PlainTextResponse("", status_code=status, headers=_safety())


def _safety() -> dict[str, str]:
    return {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": SANDBOX,
            "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _stream(download, *, inline: bool) -> Response:
    # ``filename`` is already the parameters: ASCII, and RFC 5987 UTF-8.
    headers = {**_safety(), "Content-Length": str(download.size),
               "Content-Disposition": f"{'inline' if inline else 'attachment'}; "
                                      f"{download.filename}"}
    # A plain iterator: Starlette runs it in a thread, one decrypted segment at a time.
    return StreamingResponse(download.chunks(), media_type=download.content_type,
                             headers=headers)


def vault_routes(settings: Settings) -> list[Route]:
    idle = settings.staff_session_idle_minutes

    def _staff(db, request: Request) -> StaffPrincipal | None:
        found = resolve_staff(db, request.cookies.get(STAFF_COOKIE), idle_minutes=idle)
        return found if found is not None and found.has_role(*CASE_ROLES) else None

    def _serve(request: Request, opening, *, inline: bool | None = None) -> Response:
        """``opening(db, staff)``: the Download, or a refusal (all answered 404)."""
        with session_scope() as db:
            staff = _staff(db, request)
            if staff is None:
                return _refused(401)
            try:
                download = opening(db, staff)
            except Refused:
                return _refused(404)
        return _stream(download, inline=download.inline if inline is None else inline)

    def item(request: Request) -> Response:
        item_id, variant = request.path_params["item_id"], request.path_params["variant"]
        if variant not in STAFF_VARIANTS or not 0 < len(item_id) <= MAX_ID:
            return _refused(404)
        return _serve(request, lambda db, staff: vault.open_for_staff(db, staff, item_id,
                                                                      variant))

    def original(request: Request) -> Response:
        ticket = request.path_params["ticket"]
        if not 0 < len(ticket) <= MAX_TICKET:
            return _refused(404)
        # Never shown in the browser: the file as given, whatever it claims to be.
        return _serve(request, lambda db, staff: vault.open_original_ticket(db, staff, ticket),
                      inline=False)

    return [Route("/staff/api/vault/items/{item_id}/{variant}", item, methods=["GET"]),
            Route("/staff/api/vault/original/{ticket}", original, methods=["GET"])]
