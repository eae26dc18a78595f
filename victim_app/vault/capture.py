"""The capture of a link on « Mon coffre-fort »: its state in the list and in the link's
details (en cours, capturée, échec and why, in words), the screenshot, and the
« Capturer la page » button (first time, or again after a failure).

The job runs in the queue's consumer; without Redis its events reach no page, so while a
capture is pending an element carries ``data-capture-pending`` and
``assets/vault_capture.js`` (a static file: the CSP forbids inline scripts) clicks the
hidden poll button every 2 s; the poll is not the person's activity (``touch=False``).
The screenshot's copies are small JPEGs handed to the page as data: URIs (the CSP's
img-src allows them); the capture's evidence parts (the PNG, the PDF, the site's answer
and the page received) download from the safe's route, each logged in the custody log.
"""

from __future__ import annotations

import base64
import contextlib
import logging
from datetime import datetime

import reflex as rx

from helpline import events, vault
from helpline.db import session_scope
from helpline.i18n import Locale, t
from helpline.identity.victims import VictimPrincipal
from helpline.jobs.capture import queue_capture
from helpline.text import InputError, client_string
from uikit import live
from uikit.attempt import REFUSED, attempt
from victim_app.state import VictimState, current_victim, victim_event

log = logging.getLogger("abri.capture")
SOFT_INK = "#3b4a52"
CODES = ("address_refused", "timeout", "too_big", "login_wall", "not_found",
         "connection_failed", "browser_failed", "quota_full", "error")


def start_capture(victim: VictimPrincipal, item_id: str) -> None:
    """Mark the link's capture pending and queue its job (after that commit)."""
    with session_scope() as db:
        wanted = vault.request_capture(db, victim, item_id)
    if wanted:
        queue_capture(item_id)


def _data_uri(data: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(data).decode()


class CaptureState(VictimState):
    """Each link's capture, by item id (the list's rows and the details read these)."""

    states: dict[str, str] = {}  # pending, running, captured, failed
    codes: dict[str, str] = {}  # why it failed
    thumbs: dict[str, str] = {}  # data: URI of the screenshot's thumbnail
    pending: bool = False
    open_id: str = ""  # the link whose details are shown
    shot: str = ""  # its screenshot's working copy (data: URI)
    facts: dict[str, str] = {}  # its capture's final_url, status, fetched_at, server_ip, tls
    parts: list[str] = []  # its capture's evidence parts there are, to download
    error: str = ""

    def _read(self):
        """Read the captures; when one has just finished, the safe's page reads the
        database again too (the place used, the item's fingerprints)."""
        victim = current_victim()
        before = {k for k, v in self.states.items() if v in ("pending", "running")}

        def read(db) -> None:
            found = vault.capture_statuses(db, victim)
            self.states = {k: s.state for k, s in found.items()}
            self.codes = {k: s.code for k, s in found.items()}
            thumbs = {}
            for item_id, status in found.items():
                if "shot-thumb" in status.variants:
                    thumbs[item_id] = self.thumbs.get(item_id) or _data_uri(
                        vault.capture_bytes(db, victim, item_id, "shot-thumb"))
            self.thumbs = thumbs
            self.pending = any(s in ("pending", "running") for s in self.states.values())
            self.shot, self.facts, self.parts = "", {}, []
            current = found.get(self.open_id)
            if current is not None and current.state == "captured":
                if "shot-working" in current.variants:
                    self.shot = _data_uri(vault.capture_bytes(db, victim, self.open_id,
                                                              "shot-working"))
                self.parts = [p for p in vault.EVIDENCE_PARTS if p in current.variants]
                d = current.details
                when = d.get("fetched_at", "")
                with contextlib.suppress(ValueError):
                    when = f"{datetime.fromisoformat(when):%Y-%m-%d %H:%M:%S} UTC"
                tls = d.get("tls_subject", "")
                if d.get("tls_sha256"):
                    tls = f"{tls} — SHA-256 {d['tls_sha256']}"
                self.facts = {"final_url": d.get("final_url", ""),
                              "status": str(d.get("status", "")), "fetched_at": when,
                              "server_ip": d.get("server_ip", ""), "tls": tls}

        attempt(self, read)
        if any(self.states.get(k) in ("captured", "failed") for k in before):
            from victim_app.vault.state import VaultState

            return VaultState.refresh_from_push
        return None

    @victim_event(touch=False)
    def reload(self):
        """Polled while a capture is pending, and on VaultChanged (Redis carries the
        consumer's)."""
        return self._read()

    @victim_event(touch=False)
    def watch(self):
        """On mount: read the captures, and hear this person's safe change."""
        victim = current_victim()
        for channel in events.VaultChanged(victim.victim_id).channels():
            live.watch(channel, CaptureState, self.router.session.client_token)
        return self._read()

    @victim_event(touch=False)
    def show(self, item_id: str) -> None:
        """The details of this item are open: its capture's screenshot and facts."""
        try:
            self.open_id = client_string(item_id)
        except InputError:
            self.open_id = ""
        return self._read()

    @victim_event
    def capture(self, item_id: str) -> None:
        """« Capturer la page »."""
        victim = current_victim()
        if attempt(self, lambda _db: start_capture(victim, client_string(item_id))) \
                is not REFUSED:
            return self._read()
        return None


# The safe changed (a capture done in the consumer, when Redis carries its event).
live.subscribe(CaptureState, {events.VaultChanged: "reload"})


def started(victim: VictimPrincipal, item_id: str):
    """A link was just added (committed): its capture starts, and the page hears it."""
    try:
        start_capture(victim, item_id)
    except vault.VaultError:
        return None
    except Exception:  # the queue briefly away: still pending, a consumer's start resumes it
        log.warning("capture: could not queue", exc_info=True)
    return CaptureState.reload


# ---- components ----------------------------------------------------------------------


def _state_words(locale: Locale, state: rx.Var) -> rx.Component:
    return rx.match(state,
                    ("pending", t(locale, "vault.capture.pending")),
                    ("running", t(locale, "vault.capture.running")),
                    ("captured", t(locale, "vault.capture.captured")),
                    ("failed", t(locale, "vault.capture.failed")),
                    "")


def _reason(locale: Locale, code: rx.Var) -> rx.Component:
    return rx.match(code, *[(c, t(locale, f"vault.capture.code.{c}")) for c in CODES],
                    t(locale, "vault.capture.code.error"))


def row_status(locale: Locale, item: rx.Var) -> rx.Component:
    """In the list, under a link: its capture's state (and its screenshot, small)."""
    state = CaptureState.states[item["id"]]
    colour = rx.match(state, ("captured", "teal"), ("failed", "orange"), "gray")
    return rx.cond(
        (item["kind"] == "link") & state.to(str).length() > 0,
        rx.hstack(
            rx.cond(CaptureState.thumbs[item["id"]].to(str).length() > 0,
                    rx.el.img(src=CaptureState.thumbs[item["id"]], alt="",
                              class_name="vault-capture-mini")),
            rx.badge(rx.cond(state == "captured",
                             rx.icon("camera", size=12, aria_hidden="true"),
                             rx.cond(state == "failed",
                                     rx.icon("circle-alert", size=12, aria_hidden="true"),
                                     rx.icon("loader", size=12, aria_hidden="true"))),
                     _state_words(locale, state), color_scheme=colour, variant="soft",
                     custom_attrs={"data-capture-state": state}),
            spacing="2", align="center"),
    )


def _waiting(locale: Locale, state: str) -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.icon("loader", size=18, aria_hidden="true"),
                  rx.text(t(locale, f"vault.capture.{state}"), weight="bold"),
                  spacing="2", align="center"),
        rx.text(t(locale, "vault.capture.waiting"), size="2", color=SOFT_INK), spacing="2")


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.cond(value.to(str).length() > 0, rx.box(
        rx.el.dt(label, style={"fontWeight": 600, "fontSize": "0.9rem", "color": SOFT_INK}),
        rx.el.dd(value, dir="auto", style={"margin": 0, "overflowWrap": "anywhere"})))


def _files(locale: Locale, item_id: rx.Var) -> rx.Component:
    """The capture's evidence parts, each a download of its own."""
    def link(part: str) -> rx.Component:
        name = t(locale, f"vault.detail.part.{part}")
        return rx.cond(CaptureState.parts.contains(part), rx.el.li(rx.el.a(
            rx.icon("download", size=16, aria_hidden="true"), name,
            href=f"/api/vault/items/{item_id}/{part}", download=True,
            custom_attrs={"reloadDocument": True},  # the browser fetches it, not the router
            aria_label=t(locale, "vault.capture.download", part=name),
            class_name="vault-capture-file")))

    return rx.cond(CaptureState.parts.length() > 0, rx.box(
        rx.heading(t(locale, "vault.capture.files"), as_="h4", size="3"),
        rx.text(t(locale, "vault.capture.files_lead"), size="2", color=SOFT_INK),
        rx.el.ul(*[link(p) for p in vault.EVIDENCE_PARTS], class_name="vault-capture-files"),
        width="100%"))


def panel(locale: Locale, item_id: rx.Var, kind: rx.Var) -> rx.Component:
    """In a link's details: the capture's state, the screenshot, the facts, the button."""
    state = CaptureState.states[item_id].to(str)
    facts = CaptureState.facts
    return rx.cond(kind == "link", rx.el.section(
        rx.vstack(
            rx.heading(t(locale, "vault.capture.heading"), as_="h3", size="4"),
            rx.box(
                rx.match(
                    state,
                    ("captured", rx.vstack(
                        rx.hstack(rx.icon("camera", size=18, aria_hidden="true"),
                                  rx.text(t(locale, "vault.capture.captured"), weight="bold"),
                                  spacing="2", align="center"),
                        rx.text(t(locale, "vault.capture.done"), size="2", color=SOFT_INK),
                        rx.cond(CaptureState.shot != "",
                                rx.el.img(src=CaptureState.shot,
                                          alt=t(locale, "vault.capture.screenshot"),
                                          class_name="vault-capture-shot")),
                        rx.el.dl(_fact(t(locale, "vault.capture.final_url"), facts["final_url"]),
                                 _fact(t(locale, "vault.capture.status"), facts["status"]),
                                 _fact(t(locale, "vault.capture.fetched_at"),
                                       facts["fetched_at"]),
                                 _fact(t(locale, "vault.capture.server_ip"),
                                       facts["server_ip"]),
                                 _fact(t(locale, "vault.capture.tls"), facts["tls"]),
                                 class_name="vault-capture-facts"),
                        _files(locale, item_id),
                        spacing="2", width="100%")),
                    ("failed", rx.vstack(
                        rx.hstack(rx.icon("circle-alert", size=18, aria_hidden="true",
                                          flex_shrink="0"),
                                  rx.text(t(locale, "vault.capture.failed"), weight="bold"),
                                  spacing="2", align="center"),
                        rx.text(_reason(locale, CaptureState.codes[item_id]), weight="medium"),
                        rx.text(t(locale, "vault.capture.advice"), size="2"),
                        spacing="2")),
                    ("pending", _waiting(locale, "pending")),
                    ("running", _waiting(locale, "running")),
                    rx.text(t(locale, "vault.capture.none"), color=SOFT_INK)),
                role="status", aria_live="polite",
                custom_attrs={"data-capture-state": state}),
            rx.cond((state == "failed") | (state == ""),
                    rx.button(rx.icon("camera", aria_hidden="true"),
                              t(locale, "vault.capture.button"), size="3", variant="soft",
                              on_click=CaptureState.capture(item_id),
                              custom_attrs={"data-capture-start": ""})),
            spacing="3", width="100%"),
        rx.fragment(on_mount=CaptureState.show(item_id)),
        class_name="vault-capture"))


def watcher() -> rx.Component:
    """Once on the page: reads the captures on mount, and is polled while one is
    pending (by the static script, through the hidden button)."""
    return rx.fragment(
        rx.el.button("", id="vault-capture-poll", type="button", tab_index=-1,
                     aria_hidden="true", on_click=CaptureState.reload,
                     style={"display": "none"}),
        rx.cond(CaptureState.pending,
                rx.el.span(custom_attrs={"data-capture-pending": ""},
                           style={"display": "none"})),
        rx.script(src="/vault_capture.js"),
        rx.fragment(on_mount=CaptureState.watch),
    )


STYLE = {
    "& .vault-capture-mini": {"width": "2.5rem", "height": "2.5rem", "objectFit": "cover",
                              "objectPosition": "top", "borderRadius": "0.35rem",
                              "border": "1px solid #c9d6d4"},
    "& .vault-capture": {"width": "100%", "padding": "1rem", "borderRadius": "0.9rem",
                         "background": "#ffffff", "border": "1px solid #d4e0de"},
    "& .vault-capture-shot": {"width": "100%", "maxHeight": "28rem", "objectFit": "cover",
                              "objectPosition": "top", "borderRadius": "0.5rem",
                              "border": "1px solid #c9d6d4"},
    "& .vault-capture-facts": {"display": "grid", "gap": "0.5rem", "margin": 0},
    "& .vault-capture-files": {"listStyle": "none", "padding": 0, "margin": "0.5rem 0 0",
                               "display": "grid", "gap": "0.35rem"},
    "& .vault-capture-file": {"display": "inline-flex", "alignItems": "center", "gap": "0.5rem",
                              "minHeight": "44px", "color": "#0b5c55", "fontWeight": 600},
}
