"""« Dossiers »: the people accompanied and the evidence each chose to share."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.cases.evidence import evidence_list
from staff_app.cases.export import export_link
from staff_app.cases.original import OriginalState, original_dialog
from staff_app.cases.state import CasesState
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load


def _person(locale: Locale, person: rx.Var) -> rx.Component:
    return rx.el.section(
        rx.card(
            rx.vstack(
                rx.heading(rx.el.bdi(person.name), as_="h2", size="4",
                           id=person.key),
                rx.text(t(locale, "staff.cases.last_activity"), " ", person.last, " · ",
                        person.count, " ", t(locale, "staff.cases.count"),
                        size="2", color="#3b4a52"),
                evidence_list(locale, person.evidence, OriginalState.ask_original),
                export_link(locale, person),
                spacing="2", width="100%",
            ),
            width="100%",
        ),
        aria_labelledby=person.key,
        width="100%",
    )


@STAFF_PAGES.page("cases", slug="dossiers", title="staff.cases.title", icon="folder-open",
                  nav=2, on_load=workspace_load("cases", CasesState.load))
def cases(locale: Locale) -> rx.Component:
    return staff_page(
        locale, "cases", t(locale, "staff.cases.title"),
        rx.text(t(locale, "staff.cases.lead"), size="3", color="#3b4a52"),
        rx.match(CasesState.error,
                 ("", rx.fragment()),
                 rx.callout(t(locale, "staff.cases.error"), icon="circle-alert",
                            color_scheme="red", role="alert")),
        rx.cond(
            CasesState.people.length() > 0,
            rx.vstack(rx.foreach(CasesState.people, lambda p: _person(locale, p)),
                      spacing="4", width="100%"),
            rx.cond(CasesState.loaded,
                    rx.text(t(locale, "staff.cases.none"), color="#3b4a52")),
        ),
        original_dialog(locale),
    )
