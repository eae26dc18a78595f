"""« Exporter un dossier »: the items ticked in the safe's list leave it as one signed ZIP
(helpline.vault.dossier), after a plain-words warning that the file then lives on this
device. The download is an ordinary link to the authorised route
``GET /api/vault/dossier?items=…`` (attachment, nosniff, no-store): no bytes go through
the state, and the warning is the only thing this state holds."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from victim_app.components import card
from victim_app.state import VictimState, victim_event
from victim_app.vault.state import VaultState

SOFT_INK = "#5b5249"


class DossierExportState(VictimState):
    warning: bool = False

    @victim_event
    def ask(self) -> None:
        self.warning = True

    @victim_event
    def close(self) -> None:
        self.warning = False


def _href(locale: Locale) -> rx.Var:
    return f"/api/vault/dossier?lang={locale}&items=" + VaultState.selected.join(",")


def panel(locale: Locale) -> rx.Component:
    return rx.box(card(
        rx.heading(t(locale, "vault.export.button"), as_="h2", size="5"),
        rx.text(t(locale, "vault.export.hint"), color=SOFT_INK),
        rx.cond(
            DossierExportState.warning & (VaultState.selected.length() > 0),
            rx.box(
                rx.heading(rx.icon("triangle-alert", size=18, aria_hidden="true"), " ",
                           t(locale, "vault.export.warning_title"), as_="h3", size="4"),
                rx.text(t(locale, "vault.export.warning")),
                rx.hstack(
                    rx.el.a(rx.icon("download", aria_hidden="true"),
                            t(locale, "vault.export.confirm"),
                            href=_href(locale), download=True, class_name="dossier-download",
                            # not a client-side route: the browser fetches the file
                            custom_attrs={"reloadDocument": True}),
                    rx.button(t(locale, "vault.export.cancel"), type="button", size="3",
                              variant="soft", color_scheme="gray",
                              on_click=DossierExportState.close),
                    spacing="3", wrap="wrap", align="center"),
                role="alertdialog", aria_label=t(locale, "vault.export.warning_title"),
                class_name="dossier-warning",
                style={"background": "#fff4e5", "border": "1px solid #e0b070",
                       "borderRadius": "0.75rem", "padding": "1rem",
                       "display": "flex", "flexDirection": "column", "gap": "0.75rem"},
            ),
            rx.button(rx.icon("file-archive", aria_hidden="true"),
                      t(locale, "vault.export.button"), type="button", size="3",
                      class_name="dossier-export",
                      disabled=VaultState.selected.length() == 0,
                      on_click=DossierExportState.ask),
        )),
        class_name="dossier-panel", width="100%",
        style={"& .dossier-download": {
            "display": "inline-flex", "alignItems": "center", "gap": "0.4rem",
            "minHeight": "44px", "padding": "0 1rem", "borderRadius": "0.5rem",
            "background": "#1d6b66", "color": "#fff", "fontWeight": 600,
            "textDecoration": "none"}},
    )
