"""Contenus › Réponses prêtes: supervisors add, edit and delete the answers counsellors
insert into a reply."""

from __future__ import annotations

import reflex as rx

from helpline.chat.canned import BODY_MAX, LOCALES, TEAMS, TITLE_MAX
from helpline.i18n import Locale, t
from staff_app.content.state import ContentState
from uikit.components import coded_callout, data_table, labelled

CANNED_ERRORS = ("forbidden", "not_found", "team_invalid", "locale_invalid", "title_invalid",
                 "body_invalid", "invalid", "too_long")
DONE = ("added", "edited", "deleted")


def _team(locale: Locale, team: str) -> str:
    return t(locale, "canned.team.all") if team == "all" else t(locale, f"specialty.{team}")


def _form(locale: Locale) -> rx.Component:
    editing = ContentState.editing
    return rx.form(
        rx.vstack(
            rx.hstack(
                labelled(t(locale, "canned.team"), rx.el.select(
                    *[rx.el.option(_team(locale, team), value=team) for team in TEAMS],
                    name="team", id="canned-team", class_name="abri-select",
                    default_value=rx.cond(editing["team"], editing["team"], "all"))),
                labelled(t(locale, "canned.locale"), rx.el.select(
                    *[rx.el.option(code, value=code) for code in LOCALES],
                    name="locale", id="canned-locale", class_name="abri-select",
                    default_value=rx.cond(editing["locale"], editing["locale"], locale))),
                labelled(t(locale, "canned.name"), rx.input(
                    name="title", id="canned-title", max_length=TITLE_MAX,
                    default_value=editing["title"].to(str))),
                align="end", wrap="wrap", spacing="3", width="100%",
            ),
            labelled(t(locale, "canned.body"), rx.text_area(
                name="body", id="canned-body", rows="4", max_length=BODY_MAX, width="100%",
                default_value=editing["body"].to(str))),
            rx.hstack(
                rx.button(t(locale, "canned.save"), type="submit"),
                rx.cond(editing["id"], rx.button(t(locale, "canned.cancel"), type="button",
                                                 variant="outline", color_scheme="gray",
                                                 on_click=ContentState.cancel_edit)),
                spacing="2"),
            spacing="3", width="100%",
        ),
        key=ContentState.form_key.to_string(),  # a new key re-mounts it with new defaults
        on_submit=ContentState.save_canned, reset_on_submit=True, width="100%",
        aria_label=rx.cond(editing["id"], t(locale, "canned.editing"), t(locale, "canned.new")),
    )


def _actions(locale: Locale, answer: rx.Var) -> rx.Component:
    return rx.cond(
        ContentState.confirm_delete == answer["id"],
        rx.hstack(
            rx.text(t(locale, "canned.confirm_delete"), size="2", weight="medium"),
            rx.button(t(locale, "canned.confirm_yes"), size="1", color_scheme="red",
                      on_click=ContentState.delete_canned),
            rx.button(t(locale, "canned.confirm_no"), size="1", variant="outline",
                      color_scheme="gray", on_click=ContentState.cancel_edit),
            spacing="2", align="center", wrap="wrap"),
        rx.hstack(
            rx.button(t(locale, "canned.edit"), size="1", variant="outline",
                      on_click=ContentState.edit_canned(answer["id"]),
                      aria_label=t(locale, "canned.edit") + " : " + answer["title"]),
            rx.button(t(locale, "canned.delete"), size="1", variant="soft", color_scheme="red",
                      on_click=ContentState.ask_delete(answer["id"]),
                      aria_label=t(locale, "canned.delete") + " : " + answer["title"]),
            spacing="2", wrap="nowrap"),
    )


def canned_section(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("canned.team", "canned.locale", "canned.name",
                                   "canned.body")]
    return rx.vstack(
        rx.heading(t(locale, "canned.title"), as_="h2", size="5"),
        rx.text(t(locale, "canned.lead"), size="2", color="#3b4a52"),
        coded_callout(ContentState.canned_error,
                      {c: t(locale, f"canned.error.{c}") for c in CANNED_ERRORS}),
        coded_callout(ContentState.canned_done,
                      {d: t(locale, f"canned.done.{d}") for d in DONE}, done=True),
        rx.card(_form(locale), width="100%"),
        rx.cond(
            ContentState.answers.length() > 0,
            data_table([*head, ""], ContentState.answers, lambda a: rx.table.row(
                rx.table.cell(rx.match(a["team"], *[(team, _team(locale, team))
                                                    for team in TEAMS], a["team"])),
                rx.table.cell(a["locale"]),
                rx.table.cell(a["title"], style={"fontWeight": 500, "minWidth": "7rem"}),
                rx.table.cell(rx.text(a["body"], size="2", white_space="pre-wrap"),
                              style={"minWidth": "16rem", "maxWidth": "28rem",
                                     "overflowWrap": "anywhere"}),  # a phone scrolls sideways
                rx.table.cell(_actions(locale, a))), size="1"),
            rx.text(t(locale, "canned.none"), color="#3b4a52"),
        ),
        spacing="3", width="100%",
    )
