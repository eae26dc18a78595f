"""A quiz version's document: what it asks, how answers count and what the result says,
in every language — checked, read for one language, and scored.

A document is plain JSON (it is data supervisors edit)::

    {"forms": {"<form>": {"topic": <chat topic>, "danger": bool,
                          "name": {fr, en}, "explain": {fr, en}, "law": {fr, en}}},
     "questions": [{"form": "<form>", "text": {fr, en}, "help": {fr, en},
                    "choices": [{"label": {fr, en}, "weight": 0-3}, …]}],
     "results": {"none" | "found" | "danger": {"title": {fr, en}, "body": {fr, en}}}}

A form is named by the result when the answers to its questions weigh at least 1; a form
marked ``danger`` that is named brings the emergency numbers to the result and the top
urgency to the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpline.chat.queueing import TOPICS
from helpline.errors import Refused
from helpline.i18n import LOCALES

MIN_QUESTIONS, MAX_QUESTIONS = 12, 15
MAX_CHOICES = 4
MAX_WEIGHT = 3
RESULT_KINDS = ("none", "found", "danger")
TEXT_LIMITS = {"text": 300, "help": 400, "label": 60, "name": 80, "explain": 600,
               "law": 600, "title": 120, "body": 1200}
OPTIONAL = ("help",)  # may be empty in every language (then no "what does this mean?")


class QuizError(Refused):
    """A quiz content or answer refused ("forbidden", "not_found", "missing_translation",
    "invalid", "too_long", "answers_invalid", "no_draft", "locked")."""


@dataclass(frozen=True)
class Problem:
    """Why a version cannot be published: where (``place``, e.g. "question 3") and what
    ("missing_translation" in ``locale``, "invalid")."""

    code: str
    place: str
    locale: str = ""


def _texts(value: object, field: str, place: str, problems: list[Problem]) -> None:
    if not isinstance(value, dict):
        problems.append(Problem("invalid", f"{place}.{field}"))
        return
    for locale in LOCALES:
        text = value.get(locale, "")
        if not isinstance(text, str) or len(text) > TEXT_LIMITS[field]:
            problems.append(Problem("invalid", f"{place}.{field}", locale))
        elif not text.strip() and field not in OPTIONAL:
            problems.append(Problem("missing_translation", f"{place}.{field}", locale))
    if field in OPTIONAL and sum(bool(str(value.get(lo, "")).strip()) for lo in LOCALES) \
            not in (0, len(LOCALES)):
        missing = [lo for lo in LOCALES if not str(value.get(lo, "")).strip()]
        problems.extend(Problem("missing_translation", f"{place}.{field}", lo) for lo in missing)


def problems(document: dict) -> list[Problem]:
    """Everything that keeps ``document`` from being published; empty when it may be."""
    found: list[Problem] = []
    forms = document.get("forms") if isinstance(document, dict) else None
    questions = document.get("questions") if isinstance(document, dict) else None
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(forms, dict) or not forms:
        return [Problem("invalid", "forms")]
    if not isinstance(questions, list) or not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        return [Problem("invalid", "questions")]
    for key, form in forms.items():
        if not isinstance(form, dict) or form.get("topic") not in TOPICS:
            found.append(Problem("invalid", f"form {key}"))
            continue
        for field in ("name", "explain", "law"):
            _texts(form.get(field), field, f"form {key}", found)
    for n, question in enumerate(questions, start=1):
        place = f"question {n}"
        if not isinstance(question, dict) or question.get("form") not in forms:
            found.append(Problem("invalid", place))
            continue
        _texts(question.get("text"), "text", place, found)
        _texts(question.get("help", {}), "help", place, found)
        choices = question.get("choices")
        if not isinstance(choices, list) or not 2 <= len(choices) <= MAX_CHOICES:
            found.append(Problem("invalid", f"{place}.choices"))
            continue
        for c, choice in enumerate(choices, start=1):
            weight = choice.get("weight") if isinstance(choice, dict) else None
            if not isinstance(weight, int) or isinstance(weight, bool) \
                    or not 0 <= weight <= MAX_WEIGHT:
                found.append(Problem("invalid", f"{place}.choice {c}"))
                continue
            _texts(choice.get("label"), "label", f"{place}.choice {c}", found)
    for kind in RESULT_KINDS:
        result = results.get(kind) if isinstance(results, dict) else None
        if not isinstance(result, dict):
            found.append(Problem("invalid", f"result {kind}"))
            continue
        for field in ("title", "body"):
            _texts(result.get(field), field, f"result {kind}", found)
    return found


# ---- read for one language --------------------------------------------------------------


@dataclass(frozen=True)
class QuestionShown:
    text: str
    help: str  # "" when the question has no "what does this mean?"
    choices: tuple[str, ...]


@dataclass(frozen=True)
class FormShown:
    key: str
    name: str
    explain: str
    law: str
    danger: bool


@dataclass(frozen=True)
class Outcome:
    """What the answers point to. ``forms``: named, heaviest first; ``topics`` and
    ``urgency`` are what the chat's queue weighs (helpline.chat.risk.base_priority)."""

    kind: str  # none, found, danger
    title: str
    body: str
    forms: tuple[FormShown, ...]
    score: int
    topics: tuple[str, ...]
    urgency: int  # 0-3, as the pre-chat's "how urgent it feels"

    @property
    def danger(self) -> bool:
        return self.kind == "danger"


def _in(texts: object, locale: str) -> str:
    if not isinstance(texts, dict):
        return ""
    return str(texts.get(locale) or "").strip()


def questions_in(document: dict, locale: str) -> list[QuestionShown]:
    return [QuestionShown(text=_in(q.get("text"), locale), help=_in(q.get("help"), locale),
                          choices=tuple(_in(c.get("label"), locale) for c in q["choices"]))
            for q in document.get("questions", [])]


def checked_answers(document: dict, answers: object) -> list[int]:
    """One choice index per question, or QuizError("answers_invalid"): any client can
    send any list."""
    questions = document.get("questions", [])
    if not isinstance(answers, list | tuple) or len(answers) != len(questions):
        raise QuizError("answers_invalid")
    checked = []
    for answer, question in zip(answers, questions, strict=True):
        if not isinstance(answer, int) or isinstance(answer, bool) \
                or not 0 <= answer < len(question["choices"]):
            raise QuizError("answers_invalid")
        checked.append(answer)
    return checked


def score(document: dict, answers: object, locale: str) -> Outcome:
    """The result of ``answers`` (choice indexes) on this version, in ``locale``."""
    answers = checked_answers(document, answers)
    forms = document["forms"]
    weights: dict[str, int] = {}
    for answer, question in zip(answers, document["questions"], strict=True):
        weight = question["choices"][answer]["weight"]
        weights[question["form"]] = weights.get(question["form"], 0) + weight
    named = sorted((k for k, w in weights.items() if w >= 1),
                   key=lambda k: (-weights[k], list(forms).index(k)))
    shown = tuple(FormShown(key=k, name=_in(forms[k]["name"], locale),
                            explain=_in(forms[k]["explain"], locale),
                            law=_in(forms[k]["law"], locale),
                            danger=bool(forms[k].get("danger"))) for k in named)
    danger = any(f.danger for f in shown)
    kind = "danger" if danger else "found" if shown else "none"
    total = sum(weights.values())
    heavy = any(weights[k] >= 2 for k in named)
    urgency = 3 if danger else 2 if heavy else 1 if shown else 0
    result = document["results"][kind]
    return Outcome(kind=kind, title=_in(result["title"], locale),
                   body=_in(result["body"], locale), forms=shown, score=total,
                   topics=tuple(sorted({forms[k]["topic"] for k in named})), urgency=urgency)
