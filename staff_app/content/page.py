"""Contenus (supervisors): the risk rules that raise a conversation's priority, and the
ready-made answers."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import Locale, t
from staff_app.content.canned import canned_section
from staff_app.content.state import ContentState
from staff_app.layout import staff_page
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load
from uikit.components import data_table, labelled

RULE_ERRORS = ("label_invalid", "locale_invalid", "pattern_invalid", "weight_invalid",
               "forbidden", "not_found", "invalid", "too_long")


def _rule_row(locale: Locale, rule: rx.Var) -> rx.Component:
    active = rule["active"] == "1"
    return rx.table.row(
        rx.table.cell(rule["label"]), rx.table.cell(rule["locale"]),
        rx.table.cell(rx.code(rule["pattern"]), style={"minWidth": "14rem", "maxWidth": "28rem",
                                                       "overflowWrap": "anywhere"}),
        rx.table.cell(rule["weight"]),
        rx.table.cell(rx.button(
            rx.cond(active, t(locale, "rules.disable"), t(locale, "rules.enable")),
            size="1", variant=rx.cond(active, "soft", "outline"),
            on_click=ContentState.set_active(rule["id"].to(int), ~active))),
    )


@STAFF_PAGES.page("content", slug="contenus", title="staff.content.title", icon="file-pen", nav=4,
                  on_load=workspace_load("content", ContentState.load))
def content(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("rules.label", "rules.locale", "rules.pattern",
                                   "rules.weight")]
    return staff_page(
        locale, "content", t(locale, "staff.content.title"),
        rx.text(t(locale, "staff.content.lead"), color="#3b4a52"),
        rx.link(rx.icon("circle-help", size=16, aria_hidden="true"),
                t(locale, "quiz_editor.link"), href=STAFF_PAGES.url(locale, "quiz_editor"),
                weight="bold", style={"display": "inline-flex", "gap": "0.4rem",
                                      "alignItems": "center", "minHeight": "44px"}),
        rx.heading(t(locale, "rules.title"), as_="h2", size="5"),
        rx.text(t(locale, "rules.lead"), size="2", color="#3b4a52"),
        rx.match(ContentState.error,
                 *[(c, rx.callout(t(locale, f"rules.error.{c}"), icon="circle-alert",
                                  color_scheme="red", role="alert")) for c in RULE_ERRORS],
                 rx.fragment()),
        rx.cond(ContentState.saved, rx.callout(t(locale, "rules.saved"), icon="circle-check",
                                               color_scheme="green", role="status")),
        rx.form(
            rx.hstack(
                labelled(t(locale, "rules.label"), rx.input(name="label", max_length=40,
                                                            id="rule-label")),
                labelled(t(locale, "rules.locale"), rx.el.select(
                    rx.el.option("fr", value="fr"), rx.el.option("en", value="en"),
                    name="locale", id="rule-locale", class_name="abri-select")),
                labelled(t(locale, "rules.pattern"), rx.input(name="pattern", max_length=500,
                                                              id="rule-pattern")),
                labelled(t(locale, "rules.weight"), rx.input(name="weight", type="number",
                                                             min=0, max=200, id="rule-weight")),
                rx.button(t(locale, "rules.add"), type="submit"),
                align="end", wrap="wrap", spacing="3",
            ),
            on_submit=ContentState.add_rule, reset_on_submit=True,
        ),
        data_table([*head, ""], ContentState.rules, lambda r: _rule_row(locale, r), size="1"),
        rx.divider(margin_block="1rem"),
        canned_section(locale),
    )
