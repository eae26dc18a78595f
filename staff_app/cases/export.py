"""« Exporter un dossier signé » on a person's card in « Dossiers »: what that person
shared for a takedown or a report, as one signed ZIP (helpline.vault.dossier) —
working copies, thumbnails and captures. The images' originals go in only through
« Dossier avec les originaux », after the staff member proves again who they are (the
same dialog as for one original, security notes F4), through a short-lived ticket.

The page never holds the person's account id: the link names one of the items on the
card, and the route exports the dossier of whoever shared it
(``GET /staff/api/vault/dossier/{item_id}``, or ``…/dossier/originals/{ticket}``;
staff session with a case role, attachment, nosniff, no-store, sandboxed; anything else
is the same 404)."""

from __future__ import annotations

import reflex as rx
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from helpline import vault
from helpline.config import Settings
from helpline.db import session_scope
from helpline.errors import Refused
from helpline.i18n import Locale, t
from helpline.identity.sessions import STAFF_COOKIE, resolve_staff
from helpline.models import VaultItem
from staff_app.cases import CASE_ROLES

MAX_ID = 64
MAX_TICKET = 400
_SAFETY = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
           "Content-Security-Policy": "sandbox; default-src 'none'",
           "Referrer-Policy": "no-referrer"}


def dossier_url(item_id: str | rx.Var) -> str | rx.Var:
    return "/staff/api/vault/dossier/" + item_id


def dossier_ticket_url(ticket: str) -> str:
    return f"/staff/api/vault/dossier/originals/{ticket}"


def dossier_routes(settings: Settings) -> list[Route]:
    idle = settings.staff_session_idle_minutes

    def build(request: Request, export):
        with session_scope() as db:
            staff = resolve_staff(db, request.cookies.get(STAFF_COOKIE), idle_minutes=idle)
            if staff is None or not staff.has_role(*CASE_ROLES):
                return 401
            try:
                return export(db, staff)
            except Refused:
                return 404

    def working_copies(item_id: str, locale: str):
        def export(db, staff):
            item = db.get(VaultItem, item_id)
            if item is None or item.parent_id is not None:
                return 404
            return vault.export_staff_dossier(db, staff, item.victim_id, locale=locale)
        return export

    def with_originals(ticket: str, locale: str):
        return lambda db, staff: vault.open_dossier_ticket(db, staff, ticket, locale=locale)

    async def dossier(request: Request) -> Response:
        locale = "en" if request.query_params.get("lang") == "en" else "fr"
        if "ticket" in request.path_params:
            key, export = request.path_params["ticket"], with_originals
        else:
            key, export = request.path_params["item_id"], working_copies
        if not 0 < len(key) <= (MAX_TICKET if export is with_originals else MAX_ID):
            return PlainTextResponse("", status_code=404, headers=_SAFETY)
        made = await run_in_threadpool(build, request, export(key, locale))
        if isinstance(made, int):
            return PlainTextResponse("", status_code=made, headers=_SAFETY)
        headers = {**_SAFETY, "Content-Length": str(made.size),
                   "Content-Disposition": f'attachment; filename="{made.filename}"'}
        return StreamingResponse(made.chunks(), media_type="application/zip",
                                 headers=headers, background=BackgroundTask(made.discard))

    return [Route("/staff/api/vault/dossier/originals/{ticket}", dossier, methods=["GET"]),
            Route("/staff/api/vault/dossier/{item_id}", dossier, methods=["GET"])]


def export_link(locale: Locale, person: rx.Var) -> rx.Component:
    from staff_app.cases.original import OriginalState  # it links here: import when built

    """On a person's card: the signed dossier of what they shared to report or remove."""
    return rx.cond(
        person.dossier_item != "",
        rx.vstack(
            rx.el.a(rx.icon("file-archive", size=16, aria_hidden="true"),
                    t(locale, "staff.cases.export.button"),
                    href=dossier_url(person.dossier_item) + f"?lang={locale}",
                    download=True, class_name="cases-dossier",
                    custom_attrs={"reloadDocument": True},  # the browser fetches it
                    style={"display": "inline-flex", "alignItems": "center",
                           "gap": "0.4rem", "minHeight": "44px", "fontWeight": 600,
                           "color": "#1d5f73"}),
            rx.text(t(locale, "staff.cases.export.hint"), size="1", color="#3b4a52"),
            rx.button(rx.icon("lock-keyhole", size=16, aria_hidden="true"),
                      t(locale, "staff.cases.export.with_originals"), size="2",
                      variant="soft", margin_top="0.5rem",
                      on_click=OriginalState.ask_dossier(person.dossier_item)),
            spacing="0", width="100%"),
    )
