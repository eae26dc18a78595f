"""The quiz page's state. The answers live here, in the page's server-side memory, until
the page is left or restarted: nothing is written anywhere unless the young person
chooses « Montrer mes réponses au conseiller »."""

from __future__ import annotations

import reflex as rx

from helpline import quiz
from helpline.i18n import LOCALES
from helpline.text import InputError, client_string
from uikit import live
from uikit.attempt import REFUSED, attempt
from victim_app.state import VictimState, current_victim, victim_event

QUESTION_HEADING = "quiz-question"  # where the keyboard goes on each new question
RESULT_HEADING = "quiz-result"


def _locale(locale: str) -> str:
    return locale if locale in LOCALES else "fr"


class QuizState(VictimState):
    phase: str = "intro"  # intro, question, result
    step: int = 0  # the question on screen, from 0
    total: int = 0
    text: str = ""
    help: str = ""
    choices: list[str] = []
    chosen: str = ""  # the answer already given to this question (going back)
    kind: str = ""  # the result: none, found, danger
    title: str = ""
    body: str = ""
    forms: list[dict[str, str]] = []  # name, explain, law
    shared: bool = False
    error: str = ""
    _version: int = 0  # the version started: finished on it whatever is published meanwhile
    _questions: list[dict] = []
    _answers: list[int] = []
    _shown_in: str = ""  # the language of the questions held

    @rx.var
    def progress(self) -> int:
        if self.phase == "result":
            return 100
        # Question n of N fills n/(N+1): never empty on the first, full only at the end.
        return round(100 * (self.step + 1) / (self.total + 1)) if self.total else 0

    @rx.var
    def step_number(self) -> int:
        return self.step + 1

    def _show_question(self) -> rx.event.EventSpec:
        question = self._questions[self.step]
        self.text, self.help = question["text"], question["help"]
        self.choices = list(question["choices"])
        answered = self._answers[self.step] if self.step < len(self._answers) else None
        self.chosen = "" if answered is None else str(answered)
        self.phase = "question"
        return rx.set_focus(QUESTION_HEADING)

    def _forget(self) -> None:
        self._version, self._questions, self._answers = 0, [], []
        self.phase, self.step, self.total, self.shared, self.error = "intro", 0, 0, False, ""
        self.kind = self.title = self.body = ""
        self.forms = []

    @victim_event
    def load(self, locale: str = "fr"):
        """On opening the page: a quiz under way goes on where it was, on its version, in
        the page's language (switching language mid-quiz keeps the answers)."""
        locale = _locale(locale)
        if self.phase == "intro" or not self._version or locale == self._shown_in:
            return None
        taken = attempt(self, lambda db: quiz.take(db, locale, self._version))
        if taken is REFUSED:
            self._forget()
            return None
        self._use(taken, locale)
        if self.phase == "result":
            return self._score(locale)
        return self._show_question()

    def _use(self, taken: quiz.QuizTaken, locale: str) -> None:
        self._version, self.total, self._shown_in = taken.version_id, len(taken.questions), locale
        self._questions = [{"text": q.text, "help": q.help, "choices": list(q.choices)}
                           for q in taken.questions]

    @victim_event
    def begin(self, locale: str = "fr"):
        """The newest published version, kept until the end."""
        taken = attempt(self, lambda db: quiz.take(db, _locale(locale)))
        if taken is REFUSED:
            return None
        self._forget()
        self._use(taken, _locale(locale))
        return self._show_question()

    @victim_event
    def answer(self, form: dict):
        """One answer, then the next question (or the result after the last one)."""
        if self.phase != "question" or not self._questions:
            return None
        try:
            picked = client_string(form.get("choice") if isinstance(form, dict) else None, 2)
        except InputError as refused:
            self.error = refused.code
            return None
        if not picked.isdigit() or int(picked) >= len(self.choices):
            self.error = "choose"
            return None
        self.error = ""
        self._answers = [*self._answers[:self.step], int(picked)]
        if self.step + 1 < self.total:
            self.step += 1
            return self._show_question()
        return self._score(str(form.get("locale", "fr")))

    def _score(self, locale: str):
        version, answers = self._version, list(self._answers)
        outcome = attempt(self, lambda db: quiz.result(db, version, answers, _locale(locale)))
        if outcome is REFUSED:
            return None
        self.kind, self.title, self.body = outcome.kind, outcome.title, outcome.body
        self.forms = [{"name": f.name, "explain": f.explain, "law": f.law}
                      for f in outcome.forms]
        self.phase = "result"
        return rx.set_focus(RESULT_HEADING)

    @victim_event
    def back(self):
        if self.phase == "result" and self._questions:
            self.step = self.total - 1
        elif self.phase == "question" and self.step > 0:
            self.step -= 1
        else:
            return None
        self.shared, self.error = False, ""
        return self._show_question()

    @victim_event
    def restart(self):
        """Answers forgotten, back to the first screen."""
        self._forget()
        return rx.set_focus(QUESTION_HEADING)

    @victim_event
    def share(self, locale: str = "fr") -> None:
        """The young person's choice: the result (not the answers) to their conversation."""
        if self.phase != "result" or self.shared:
            return
        victim, version, answers = current_victim(), self._version, list(self._answers)
        shown = attempt(self, lambda db: quiz.show_to_counsellor(
            db, victim, version, answers, _locale(locale)), quiz.QuizError)
        if shown is REFUSED:
            return
        self.shared = True
        live.publish(*shown.events)
