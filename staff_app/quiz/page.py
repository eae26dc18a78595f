"""Contenus › Quiz (supervisors): the draft's questions, choices' weights and result
texts in both languages, a preview as a young person sees it, and publishing."""

from __future__ import annotations

import reflex as rx

from helpline.i18n import LOCALES, Locale, t
from staff_app.layout import staff_page
from staff_app.quiz.state import FIELDS, QuizEditorState
from staff_app.routes import STAFF_PAGES
from staff_app.state import workspace_load
from uikit.components import labelled
from uikit.quiz import help_details, question_fieldset

S = QuizEditorState
ERRORS = ("forbidden", "not_found", "invalid", "too_long", "weight_invalid",
          "missing_translation")
LONG = {"help", "explain", "law", "body"}  # the fields written as paragraphs


def _messages(locale: Locale) -> rx.Component:
    return rx.fragment(
        rx.match(S.error, *[(c, rx.callout(t(locale, f"quiz_editor.error.{c}"),
                                           icon="circle-alert", color_scheme="red",
                                           role="alert")) for c in ERRORS], rx.fragment()),
        rx.match(S.done,
                 ("saved", rx.callout(t(locale, "quiz_editor.saved"), icon="circle-check",
                                      color_scheme="green", role="status")),
                 ("published", rx.callout(
                     t(locale, "quiz_editor.published") + " " + S.published.to_string(),
                     icon="circle-check", color_scheme="green", role="status")),
                 rx.fragment()),
    )


def _text_field(locale: Locale, field: str, lang: str, value: rx.Var, *,
                previewed: bool = False) -> rx.Component:
    label = f"{t(locale, f'quiz_editor.field.{field}')} ({t(locale, f'quiz_editor.lang.{lang}')})"
    name = f"{field}_{lang}"
    live = {"on_change": lambda typed: S.type_preview(name, typed)} if previewed else {}
    control = rx.text_area(name=name, default_value=value, id=f"quiz-{name}", rows="3",
                           width="100%", **live) if field in LONG else \
        rx.input(name=name, default_value=value, id=f"quiz-{name}", width="100%", **live)
    return labelled(label, control)


def _question_form(locale: Locale) -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled(t(locale, "quiz_editor.question"), rx.el.select(
                rx.foreach(S.questions, lambda q: rx.el.option(
                    q["label"], value=q["index"])),
                value=S.index.to_string(), on_change=S.pick_question, id="quiz-pick", name="pick",
                class_name="abri-select", style={"maxWidth": "100%"})),
            labelled(t(locale, "quiz_editor.form"), rx.el.select(
                rx.foreach(S.form_keys, lambda f: rx.el.option(f["name"], value=f["key"])),
                name="form", default_value=S.question["form"], id="quiz-form",
                class_name="abri-select")),
            *[_text_field(locale, field, lang, S.question[f"{field}_{lang}"], previewed=True)
              for field in ("text", "help") for lang in LOCALES],
            rx.heading(t(locale, "quiz_editor.weights"), as_="h3", size="3"),
            rx.foreach(S.weights, lambda w: labelled(
                w["label"], rx.input(name="weight_" + w["n"], default_value=w["weight"],
                                     type="number", min=0, max=3, width="6rem",
                                     id="quiz-weight-" + w["n"]))),
            rx.button(t(locale, "quiz_editor.save"), type="submit"),
            spacing="3", width="100%",
        ),
        key=S.remount.to_string() + "-q",
        on_submit=S.save_question, width="100%",
    )


def _preview(locale: Locale) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.heading(t(locale, "quiz_editor.preview"), as_="h3", size="3"),
            rx.spacer(),
            *[rx.button(t(locale, f"quiz_editor.lang.{lang}"), size="1",
                        variant=rx.cond(S.preview_locale == lang, "solid", "outline"),
                        on_click=S.show_preview_in(lang),
                        aria_pressed=rx.cond(S.preview_locale == lang, "true", "false"))
              for lang in LOCALES],
            align="center", width="100%"),
        rx.box(question_fieldset(S.preview_text, S.preview_choices),
               help_details(S.preview_help, t(locale, "quiz.help")),
               class_name="abri-quiz", custom_attrs={"data-quiz-preview": ""},
               style={"display": "grid", "gap": "0.75rem", "marginTop": "0.75rem"}),
        width="100%", style={"background": "#fbf8f4"},
    )


def _texts_form(locale: Locale, kind: str, values: rx.Var, on_submit) -> rx.Component:
    return rx.form(
        rx.vstack(*[_text_field(locale, field, lang, values[f"{field}_{lang}"])
                    for field in FIELDS[kind] for lang in LOCALES],
                  rx.button(t(locale, "quiz_editor.save"), type="submit"),
                  spacing="3", width="100%"),
        key=S.remount.to_string() + "-" + kind, on_submit=on_submit, width="100%")


def _results(locale: Locale) -> rx.Component:
    return rx.vstack(
        rx.heading(t(locale, "quiz_editor.results"), as_="h2", size="5"),
        labelled(t(locale, "quiz_editor.result_kind"), rx.el.select(
            *[rx.el.option(t(locale, f"quiz_editor.kind.{k}"), value=k)
              for k in ("none", "found", "danger")],
            value=S.result_kind, on_change=S.pick_result, id="quiz-result-kind",
            class_name="abri-select")),
        _texts_form(locale, "result", S.result, S.save_result),
        rx.heading(t(locale, "quiz_editor.forms"), as_="h2", size="5"),
        labelled(t(locale, "quiz_editor.form"), rx.el.select(
            rx.foreach(S.form_keys, lambda f: rx.el.option(f["name"], value=f["key"])),
            value=S.form_key, on_change=S.pick_form, id="quiz-form-pick",
            class_name="abri-select")),
        _texts_form(locale, "form", S.form_texts, S.save_form),
        spacing="3", width="100%",
    )


def _publish(locale: Locale) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t(locale, "quiz_editor.draft"), " ", S.draft_id.to_string(), as_="h2",
                   size="5"),
        rx.cond(S.problems.length() > 0,
                rx.vstack(rx.text(t(locale, "quiz_editor.cannot_publish"), weight="bold"),
                          rx.el.ul(rx.foreach(S.problems, lambda p: rx.el.li(p))),
                          role="note", spacing="1"),
                rx.text(t(locale, "quiz_editor.ready"))),
        rx.button(t(locale, "quiz_editor.publish"), on_click=S.publish,
                  disabled=S.problems.length() > 0),
        rx.text(t(locale, "quiz_editor.versions"), size="2", weight="bold"),
        rx.foreach(S.versions, lambda v: rx.text(
            "v", v["id"], " · ", rx.cond(v["status"] == "published",
                                         t(locale, "quiz_editor.status.published"),
                                         t(locale, "quiz_editor.status.draft")),
            " ", v["published"], size="2")),
        spacing="2", width="100%"), width="100%")


@STAFF_PAGES.page("quiz_editor", slug="contenus/quiz", title="quiz_editor.title",
                  on_load=workspace_load("content", QuizEditorState.load))
def quiz_editor(locale: Locale) -> rx.Component:
    return staff_page(
        locale, "content", t(locale, "quiz_editor.title"),
        rx.text(t(locale, "quiz_editor.lead"), color="#3b4a52"),
        _messages(locale),
        _publish(locale),
        rx.grid(
            rx.vstack(rx.heading(t(locale, "quiz_editor.questions"), as_="h2", size="5"),
                      _question_form(locale), width="100%"),
            rx.box(_preview(locale), style={"position": "sticky", "top": "1rem"}),
            columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
            align="start"),
        _results(locale),
    )
