"""Administration: the team (disable an account, ending its sessions at once) and
the audit log, filtered by person and by object."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.admin.state import AdminState
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load
from uikit.components import data_table, labelled


def _member_row(locale: Locale, member: rx.Var) -> rx.Component:
    disabled = member["disabled"] == "1"
    return rx.table.row(
        rx.table.cell(member["name"]),
        rx.table.cell(member["email"]),
        rx.table.cell(member["roles"]),
        rx.table.cell(rx.cond(disabled,
                              rx.badge(t(locale, "staff.admin.disabled"), color_scheme="gray"),
                              rx.badge(t(locale, "staff.admin.active"), color_scheme="green"))),
        rx.table.cell(
            rx.cond(
                disabled,
                rx.button(t(locale, "staff.admin.enable"), size="1", variant="soft",
                          on_click=AdminState.set_disabled(member["id"].to(int), False)),
                # One's own account and the last admin stay: someone must be able to act.
                rx.cond(member["can_disable"] == "1",
                        rx.button(t(locale, "staff.admin.disable"), size="1", variant="soft",
                                  color_scheme="red",
                                  on_click=AdminState.set_disabled(member["id"].to(int), True),
                                  aria_label=t(locale, "staff.admin.disable") + " "
                                  + member["name"]),
                        rx.text(t(locale, "staff.admin.cannot_disable"), size="1",
                                color="#3b4a52")),
            ),
        ),
    )


def _team(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("staff.admin.name", "staff.admin.email", "staff.admin.roles",
                                   "staff.admin.status")]
    return rx.vstack(
        rx.heading(t(locale, "staff.admin.team"), as_="h2", size="5"),
        rx.cond(AdminState.refused,
                rx.callout(t(locale, "staff.admin.not_allowed"), icon="ban", color_scheme="red",
                           role="alert")),
        data_table([*head, ""], AdminState.team, lambda m: _member_row(locale, m)),
        width="100%", spacing="3",
    )


def _audit(locale: Locale) -> rx.Component:
    people = rx.el.select(
        rx.el.option(t(locale, "staff.admin.audit_everyone"), value=""),
        rx.foreach(AdminState.team, lambda m: rx.el.option(m["name"], value=m["id"])),
        name="staff_id", id="audit-person", class_name="abri-select",
    )
    head = [t(locale, k) for k in ("staff.admin.audit_when", "staff.admin.audit_who",
                                   "staff.admin.audit_what", "staff.admin.audit_object_col")]
    return rx.vstack(
        rx.heading(t(locale, "staff.admin.audit"), as_="h2", size="5"),
        rx.form(
            rx.hstack(
                labelled(t(locale, "staff.admin.audit_person"), people),
                labelled(t(locale, "staff.admin.audit_object"),
                         rx.input(name="object_id", max_length=64, id="audit-object")),
                rx.button(t(locale, "staff.admin.audit_filter"), type="submit"),
                align="end", spacing="3", wrap="wrap",
            ),
            on_submit=AdminState.filter_audit,
        ),
        rx.cond(
            AdminState.audit_rows.length() > 0,
            data_table(head, AdminState.audit_rows, lambda r: rx.table.row(
                rx.table.cell(r["at"]), rx.table.cell(r["actor"]),
                rx.table.cell(r["action"]), rx.table.cell(r["object"])), size="1",
            ),
            rx.text(t(locale, "staff.admin.audit_empty")),
        ),
        width="100%", spacing="3",
    )


@STAFF_PAGES.page("admin", slug="admin", title="staff.admin.title", icon="settings", nav=5,
                  on_load=workspace_load("admin", AdminState.load))
def admin(locale: Locale) -> rx.Component:
    return staff_page(locale, "admin", t(locale, "staff.admin.title"),
                      rx.text(t(locale, "staff.admin.lead"), color="#3b4a52"),
                      _team(locale), _audit(locale))
