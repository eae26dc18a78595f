"""The quiz « Suis-je harcelé·e ? »: one question per screen, then what the answers
point to, what the law says and where to go next. Keyboard and screen reader complete:
each question is a fieldset whose legend takes the focus, the progress is announced."""

from __future__ import annotations

import reflex as rx

from helpline.config import get_settings
from helpline.i18n import Locale, t
from uikit.quiz import help_details, question_fieldset
from victim_app.components import card
from victim_app.layout import titled_page
from victim_app.quiz.state import QUESTION_HEADING, RESULT_HEADING, QuizState
from victim_app.routes import VICTIM_PAGES, rebuild_who, victim_url

ERRORS = ("choose", "not_found", "answers_invalid", "locked", "invalid", "too_long",
          "consent_required")


def _error(locale: Locale) -> rx.Component:
    return rx.match(QuizState.error,
                    *[(code, rx.callout(t(locale, f"quiz.error.{code}"), icon="circle-alert",
                                        color_scheme="red", role="alert", width="100%"))
                      for code in ERRORS],
                    rx.fragment())


def _intro(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "quiz.intro.title"), as_="h2", size="5", id=QUESTION_HEADING,
                   tab_index=-1),
        rx.text(t(locale, "quiz.intro.body"), color="#3b4a52"),
        rx.text(t(locale, "quiz.intro.private"), color="#3b4a52", size="2"),
        rx.button(t(locale, "quiz.start"), size="3", on_click=QuizState.begin(locale),
                  width="fit-content"),
    )


def _progress(locale: Locale) -> rx.Component:
    return rx.vstack(
        rx.text(t(locale, "quiz.question"), " ", QuizState.step_number, " ",
                t(locale, "quiz.of"), " ", QuizState.total,
                size="2", color="#3b4a52", role="status",
                custom_attrs={"aria-live": "polite"}),
        rx.box(rx.box(class_name="abri-quiz-fill", width=QuizState.progress.to_string() + "%"),
               class_name="abri-quiz-bar", role="progressbar",
               aria_label=t(locale, "quiz.progress"),
               custom_attrs={"aria-valuemin": "0", "aria-valuemax": "100",
                             "aria-valuenow": QuizState.progress}),
        spacing="1", width="100%",
    )


def _question(locale: Locale) -> rx.Component:
    last = QuizState.step_number == QuizState.total
    return rx.box(
        _progress(locale),
        rx.form(
            question_fieldset(QuizState.text, QuizState.choices, chosen=QuizState.chosen,
                              legend_id=QUESTION_HEADING),
            help_details(QuizState.help, t(locale, "quiz.help")),
            rx.el.input(type="hidden", name="locale", value=locale),
            _error(locale),
            rx.box(
                rx.cond(QuizState.step > 0,
                        rx.button(rx.icon("arrow-left", size=16, aria_hidden="true"),
                                  t(locale, "quiz.back"), type="button", variant="soft",
                                  size="3", on_click=QuizState.back)),
                rx.button(rx.cond(last, t(locale, "quiz.see_result"), t(locale, "quiz.next")),
                          rx.icon("arrow-right", size=16, aria_hidden="true"),
                          type="submit", size="3"),
                class_name="abri-quiz-actions",
            ),
            on_submit=QuizState.answer,
            style={"display": "grid", "gap": "1rem", "width": "100%"},
        ),
        rx.button(t(locale, "quiz.restart"), variant="ghost", size="2",
                  on_click=QuizState.restart, margin_top="0.5rem"),
        key=QuizState.step.to_string(),  # a new screen: the CSS transition plays again
        class_name="abri-quiz-step",
        width="100%",
        custom_attrs={"data-quiz-step": QuizState.step_number},
    )


def _tel(number: str, label: str) -> rx.Component:
    return rx.el.a(label, href=f"tel:{number}", style={"fontWeight": 700, "color": "#a33d00"})


def _danger(locale: Locale) -> rx.Component:
    s = get_settings()
    return rx.callout.root(
        rx.callout.icon(rx.icon("siren", aria_hidden="true")),
        rx.box(
            rx.callout.text(rx.text.strong(t(locale, "quiz.danger.title")), " ",
                            t(locale, "quiz.danger.body")),
            rx.el.ul(
                rx.el.li(_tel(s.emergency_phone, t(locale, "quiz.danger.emergency"))),
                rx.el.li(_tel("17", t(locale, "quiz.danger.police"))),
                rx.el.li(_tel(s.child_protection_phone, t(locale, "quiz.danger.child"))),
                style={"margin": "0.4rem 0 0 1.1rem"},
            ),
        ),
        color_scheme="orange", role="note", width="100%",
    )


def _form(form: rx.Var, locale: Locale) -> rx.Component:
    return rx.box(
        rx.heading(form["name"], as_="h4", size="3"),
        rx.text(form["explain"]),
        rx.text(rx.text.strong(t(locale, "quiz.result.law")), " ", form["law"], size="2",
                class_name="abri-quiz-form-law"),
        class_name="abri-quiz-form",
    )


def _step(locale: Locale, icon: str, key: str, href: str) -> rx.Component:
    return rx.el.li(rx.link(rx.icon(icon, size=18, aria_hidden="true"), t(locale, key),
                            href=href, replace=not href.startswith("tel:"), weight="bold",
                            style={"display": "inline-flex", "gap": "0.4rem",
                                   "alignItems": "center", "minHeight": "44px"}))


def _share(locale: Locale) -> rx.Component:
    return card(
        rx.heading(t(locale, "quiz.share.title"), as_="h3", size="4"),
        rx.cond(
            QuizState.shared,
            rx.vstack(
                rx.callout(t(locale, "quiz.share.done"), icon="circle-check",
                           color_scheme="green", role="status", width="100%"),
                rx.link(t(locale, "quiz.share.go"), href=victim_url(locale, "chat"),
                        replace=True, weight="bold"),
                width="100%",
            ),
            rx.vstack(
                rx.text(t(locale, "quiz.share.body"), color="#3b4a52"),
                rx.button(rx.icon("send", size=16, aria_hidden="true"),
                          t(locale, "quiz.share.button"), size="3",
                          on_click=QuizState.share(locale),
                          # a long label on a phone: it wraps inside the button
                          style={"height": "auto", "minHeight": "44px", "whiteSpace": "normal",
                                 "padding": "0.6rem 1rem", "textAlign": "left"}),
                width="100%",
            ),
        ),
    )


def _result(locale: Locale) -> rx.Component:
    phone = get_settings().helpline_phone
    return rx.vstack(
        rx.heading(QuizState.title, as_="h2", size="6", id=RESULT_HEADING, tab_index=-1),
        rx.cond(QuizState.kind == "danger", _danger(locale)),
        rx.text(QuizState.body, size="4"),
        rx.cond(QuizState.forms.length() > 0, rx.vstack(
            rx.heading(t(locale, "quiz.result.forms"), as_="h3", size="4"),
            rx.foreach(QuizState.forms, lambda f: _form(f, locale)),
            spacing="3", width="100%")),
        card(
            rx.heading(t(locale, "quiz.next_steps"), as_="h3", size="4"),
            rx.el.ul(
                _step(locale, "message-circle", "quiz.step.chat", victim_url(locale, "chat")),
                _step(locale, "lock", "quiz.step.vault", victim_url(locale, "vault")),
                _step(locale, "phone", "quiz.step.call", f"tel:{phone}"),
                style={"listStyle": "none", "padding": 0, "margin": 0},
            ),
        ),
        _share(locale),
        _error(locale),
        rx.box(
            rx.button(rx.icon("arrow-left", size=16, aria_hidden="true"),
                      t(locale, "quiz.back"), variant="soft", size="3",
                      on_click=QuizState.back),
            rx.button(t(locale, "quiz.restart"), variant="outline", size="3",
                      on_click=QuizState.restart),
            class_name="abri-quiz-actions",
        ),
        spacing="4", width="100%", class_name="abri-quiz-result",
    )


@VICTIM_PAGES.page("quiz", slug="quiz", title="quiz.title", icon="circle-help", nav=3,
                   on_load=lambda locale: [*rebuild_who(locale), QuizState.load(locale)])
def quiz(locale: Locale) -> rx.Component:
    return titled_page(
        locale, "quiz",
        rx.box(
            rx.match(QuizState.phase,
                     ("question", _question(locale)),
                     ("result", _result(locale)),
                     _intro(locale)),
            class_name="abri-quiz", width="100%",
        ),
    )
