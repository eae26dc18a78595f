"""Opening an original: the staff member proves it is them again (password, or the
current code when they have a second factor), then gets a short-lived link to it. The
same dialog grants a person's signed dossier with the originals in it (``ask_dossier``).

The original is the file as the young person gave it, metadata (location) included:
working copies are what staff see by default. The grant is logged in the custody log
and the audit log by ``helpline.vault.grant_original``.
"""

from __future__ import annotations

import reflex as rx

from helpline import vault
from helpline.db import session_scope
from helpline.i18n import Locale, t
from helpline.identity import staff_auth
from helpline.models._common import utcnow
from helpline.text import InputError, client_string, form_text
from helpline.vault import VaultError
from staff_app.cases import CASE_ROLES
from staff_app.cases.evidence import original_url
from staff_app.cases.export import dossier_ticket_url
from staff_app.state import (
    StaffState,
    current_staff,
    page_locale,
    staff_event,
    wait_sentence,
)
from uikit.components import labelled

# What grant_original may answer, each said in words; anything else reads as a failure.
REFUSALS = ("reauth_failed", "reauth_wait", "reauth_unavailable", "not_found")


GRANTS = {"item": vault.grant_original, "dossier": vault.grant_dossier}


class OriginalState(StaffState):
    original_id: str = ""  # the item asked for; "" when the dialog is closed
    original_kind: str = "item"  # "item": its original; "dossier": its owner's, originals in
    original_title: str = ""
    with_code: bool = False  # the staff member confirms with their TOTP code
    original_error: str = ""
    original_link: str = ""  # once confirmed: where the original downloads from
    original_wait: str = ""  # after too many tries: how long before the next

    def _ask(self, kind: str, item_id: str, title: str) -> None:
        """Open the dialog for this item (nothing is read yet: the grant checks it)."""
        try:
            self.original_id = client_string(item_id)
            self.original_title = client_string(title, 300, token=False) if title else ""
        except InputError:
            self.original_id = ""
            return
        self.original_kind = kind
        self.original_error, self.original_link = "", ""
        self.with_code = staff_auth.has_totp(current_staff())

    @staff_event(*CASE_ROLES)
    def ask_original(self, item_id: str, title: str = "") -> None:
        """« Ouvrir l'original » on an item."""
        self._ask("item", item_id, title)

    @staff_event(*CASE_ROLES)
    def ask_dossier(self, item_id: str) -> None:
        """« Dossier avec les originaux » on a person's card (one of their items names them)."""
        self._ask("dossier", item_id, "")

    @staff_event(*CASE_ROLES)
    def confirm_original(self, form: dict) -> None:
        if not self.original_id:
            return
        self.original_wait = ""
        try:
            password, code = form_text(form, "password", 512), form_text(form, "code", 12)
        except InputError:  # nothing a person could type: as a wrong answer
            self.original_error = "reauth_failed"
            return
        try:
            with session_scope() as db:
                ticket = GRANTS[self.original_kind](
                    db, current_staff(), self.original_id,
                    password=None if self.with_code else password,
                    totp=code if self.with_code else None)
        except VaultError as refused:
            self.original_error = refused.code if refused.code in REFUSALS else "reauth_failed"
            if refused.until is not None:  # how long the next try must wait, in words
                self.original_wait = wait_sentence(page_locale(self), refused.until - utcnow())
            return
        self.original_error = ""
        self.original_link = original_url(ticket) if self.original_kind == "item" else \
            dossier_ticket_url(ticket) + f"?lang={page_locale(self)}"

    @staff_event(*CASE_ROLES)
    def close_original(self, _open: bool = False) -> None:
        self.original_id = self.original_title = self.original_error = ""
        self.original_link = self.original_wait = ""
        self.original_kind = "item"


def _by_kind(item: str, dossier: str) -> rx.Var:
    return rx.cond(OriginalState.original_kind == "dossier", dossier, item)


def original_dialog(locale: Locale) -> rx.Component:
    """One dialog per page, opened by any item's « Ouvrir l'original »."""
    s = OriginalState
    form = rx.form(
        rx.vstack(
            rx.cond(
                s.with_code,
                labelled(t(locale, "staff.cases.reauth_code"),
                         rx.input(name="code", input_mode="numeric", max_length=7,
                                  auto_complete="one-time-code", id="original-code",
                                  required=True, auto_focus=True)),
                labelled(t(locale, "staff.cases.reauth_password"),
                         rx.input(name="password", type="password", max_length=512,
                                  auto_complete="current-password", id="original-password",
                                  required=True, auto_focus=True)),
            ),
            rx.match(
                s.original_error,
                *[(code, rx.callout(
                    rx.cond(s.original_wait != "",
                            t(locale, f"staff.cases.refused.{code}") + " " + s.original_wait,
                            t(locale, f"staff.cases.refused.{code}")),
                    icon="circle-alert", color_scheme="red", role="alert"))
                  for code in REFUSALS],
                rx.fragment(),
            ),
            rx.hstack(
                rx.button(t(locale, "staff.cases.confirm"), type="submit"),
                rx.dialog.close(rx.button(t(locale, "staff.cases.cancel"), type="button",
                                          variant="soft", color_scheme="gray")),
                spacing="3", justify="end", width="100%",
            ),
            spacing="3", width="100%",
        ),
        on_submit=OriginalState.confirm_original, reset_on_submit=True, width="100%",
    )
    granted = rx.vstack(
        rx.callout(t(locale, "staff.cases.granted"), icon="circle-check", color_scheme="green",
                   role="status"),
        rx.hstack(
            rx.el.a(rx.icon("download", size=16, aria_hidden="true"),
                    _by_kind(t(locale, "staff.cases.download_original"),
                             t(locale, "staff.cases.export.download_originals")),
                    href=s.original_link,
                    download="", reload_document=True,
                    class_name="rt-reset rt-BaseButton rt-r-size-2 rt-variant-solid rt-Button"),
            rx.dialog.close(rx.button(t(locale, "staff.cases.close"), type="button",
                                      variant="soft", color_scheme="gray")),
            spacing="3", justify="end", width="100%",
        ),
        spacing="3", width="100%",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(_by_kind(t(locale, "staff.cases.original_title"),
                                     t(locale, "staff.cases.export.originals_title"))),
            rx.cond(s.original_title != "",
                    rx.text(rx.el.bdi(s.original_title), weight="medium", size="2")),
            rx.dialog.description(_by_kind(t(locale, "staff.cases.original_lead"),
                                           t(locale, "staff.cases.export.originals_lead")),
                                  size="2"),
            rx.text(rx.cond(s.with_code, t(locale, "staff.cases.reauth_with_code"),
                            t(locale, "staff.cases.reauth_with_password")),
                    size="2", margin_y="0.75rem"),
            rx.cond(s.original_link != "", granted, form),
            max_width="30rem",
        ),
        open=s.original_id != "",
        on_open_change=OriginalState.close_original,
    )
