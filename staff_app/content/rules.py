"""Contenus › Règles de priorité, in words: a category, the phrases that raise it (or a
regular expression, for those who want one), a priority, and a box to try a sentence."""

from __future__ import annotations

import reflex as rx

from helpline.chat import risk
from helpline.i18n import Locale, t
from staff_app.content.state import ContentState
from uikit.components import coded_callout, data_table, labelled

RULE_ERRORS = ("label_invalid", "locale_invalid", "pattern_invalid", "weight_invalid",
               "forbidden", "not_found", "invalid", "too_long")


def _select(name: str, field_id: str, options: list[tuple[str, str]]) -> rx.Component:
    return rx.el.select(*[rx.el.option(text, value=value) for value, text in options],
                        name=name, id=field_id, class_name="abri-select")


def _rule_row(locale: Locale, rule: rx.Var) -> rx.Component:
    active = rule["active"] == "1"
    return rx.table.row(
        rx.table.cell(rule["label"]), rx.table.cell(rule["locale"]),
        rx.table.cell(
            rx.cond(rule["phrases"] != "", rx.text(rule["phrases"], size="2"),
                    rx.code(rule["pattern"])),
            style={"minWidth": "14rem", "maxWidth": "28rem", "overflowWrap": "anywhere"}),
        rx.table.cell(rule["priority"]),
        rx.table.cell(rx.button(
            rx.cond(active, t(locale, "rules.disable"), t(locale, "rules.enable")),
            size="1", variant=rx.cond(active, "soft", "outline"),
            on_click=ContentState.set_active(rule["id"].to(int), ~active))),
    )


def _form(locale: Locale) -> rx.Component:
    categories = [(c, t(locale, f"risk.flag.{c}")) for c in risk.CATEGORIES]
    priorities = [(p, t(locale, f"rules.priority.{p}")) for p in risk.PRIORITY_WEIGHTS]
    return rx.form(
        rx.vstack(
            rx.hstack(
                labelled(t(locale, "rules.category"), _select("label", "rule-label", categories)),
                labelled(t(locale, "rules.new_category"),
                         rx.input(name="new_label", max_length=40, id="rule-new-label")),
                labelled(t(locale, "rules.locale"), _select(
                    "locale", "rule-locale", [("fr", "Français"), ("en", "English")])),
                labelled(t(locale, "rules.priority"),
                         _select("priority", "rule-priority", priorities)),
                wrap="wrap", spacing="3", align="end"),
            labelled(t(locale, "rules.phrases"),
                     rx.text_area(name="phrases", rows="4", max_length=5000, id="rule-phrases",
                                  width="100%")),
            rx.el.details(
                rx.el.summary(t(locale, "rules.advanced"), style={"cursor": "pointer"}),
                labelled(t(locale, "rules.pattern"),
                         rx.input(name="pattern", max_length=500, id="rule-pattern")),
                rx.text(t(locale, "rules.pattern_hint"), size="1", color="#3b4a52"),
            ),
            rx.button(t(locale, "rules.add"), type="submit"),
            spacing="3", width="100%", align="start"),
        on_submit=ContentState.add_rule, reset_on_submit=True,
        aria_label=t(locale, "rules.new"),
    )


def _try_box(locale: Locale) -> rx.Component:
    return rx.form(
        rx.hstack(
            labelled(t(locale, "rules.try"),
                     rx.input(name="sample", max_length=2000, id="rule-sample",
                              width="min(32rem, 100%)")),
            rx.button(t(locale, "rules.try_button"), type="submit", variant="soft"),
            align="end", wrap="wrap", spacing="3"),
        rx.cond(ContentState.tried != "",
                rx.text(rx.cond(ContentState.tried == "-", t(locale, "rules.try_none"),
                                t(locale, "rules.try_found") + " " + ContentState.tried),
                        role="status", id="rule-try-result", size="2", weight="medium")),
        on_submit=ContentState.try_sentence, aria_label=t(locale, "rules.try_form"),
    )


def rules_section(locale: Locale) -> rx.Component:
    head = [t(locale, k) for k in ("rules.category", "rules.locale", "rules.matches",
                                   "rules.priority")]
    return rx.fragment(
        rx.heading(t(locale, "rules.title"), as_="h2", size="5"),
        rx.text(t(locale, "rules.lead"), size="2", color="#3b4a52"),
        coded_callout(ContentState.error, {c: t(locale, f"rules.error.{c}") for c in RULE_ERRORS}),
        rx.cond(ContentState.saved, rx.callout(t(locale, "rules.saved"), icon="circle-check",
                                               color_scheme="green", role="status")),
        _try_box(locale),
        _form(locale),
        data_table([*head, ""], ContentState.rules, lambda r: _rule_row(locale, r), size="1"),
    )
