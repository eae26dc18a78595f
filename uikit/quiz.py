"""A quiz question as a young person sees it: the quiz page's, and the preview the
editor shows supervisors before they publish."""

from __future__ import annotations

import reflex as rx


def _choice(choice: rx.Var, index: rx.Var, chosen: rx.Var | str) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="radio", name="choice", value=index.to_string(),
                    default_checked=chosen == index.to_string()),
        rx.el.span(choice),
        class_name="abri-quiz-choice",
    )


def question_fieldset(text: rx.Var, choices: rx.Var, *, chosen: rx.Var | str = "",
                      legend_id: str | None = None) -> rx.Component:
    """The question is the fieldset's legend (what screen readers announce with each
    choice); the legend takes the focus when a new question comes."""
    return rx.el.fieldset(
        rx.el.legend(text, id=legend_id, tab_index=-1 if legend_id else None),
        rx.foreach(choices, lambda c, i: _choice(c, i, chosen)),
    )


def help_details(help_text: rx.Var, label: str) -> rx.Component:
    """The optional "what does this mean?" line, folded until asked for."""
    return rx.cond(help_text != "", rx.el.details(
        rx.el.summary(label), rx.text(help_text, color="#3b4a52"), class_name="abri-quiz-help"))
