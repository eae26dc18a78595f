"""What the quiz's pages send, read and bounded once: the editor's forms (one field
per language) and the young person's answers."""

from __future__ import annotations

from dataclasses import dataclass

from helpline.i18n import LOCALES
from helpline.quiz.content import MAX_CHOICES, MAX_WEIGHT, TEXT_LIMITS, QuizError
from helpline.text import client_string, form_text

Texts = tuple[tuple[str, str], ...]  # (locale, text) per language: frozen, hashable


def _texts(form: dict, field: str) -> Texts:
    return tuple((lo, form_text(form, f"{field}_{lo}", TEXT_LIMITS[field]).strip())
                 for lo in LOCALES)


def _weight(value: object) -> int:
    text = client_string(value, 2)
    if not text.isdigit() or int(text) > MAX_WEIGHT:
        raise QuizError("weight_invalid")
    return int(text)


@dataclass(frozen=True)
class QuestionEdit:
    form: str
    text: Texts
    help: Texts
    weights: tuple[int, ...]

    @classmethod
    def from_form(cls, form: dict) -> QuestionEdit:
        weights = tuple(_weight(form.get(f"weight_{n}")) for n in range(MAX_CHOICES)
                        if f"weight_{n}" in form)
        return cls(form=client_string(form.get("form"), 40), text=_texts(form, "text"),
                   help=_texts(form, "help"), weights=weights)


@dataclass(frozen=True)
class ResultEdit:
    title: Texts
    body: Texts

    @classmethod
    def from_form(cls, form: dict) -> ResultEdit:
        return cls(title=_texts(form, "title"), body=_texts(form, "body"))


@dataclass(frozen=True)
class FormEdit:
    name: Texts
    explain: Texts
    law: Texts

    @classmethod
    def from_form(cls, form: dict) -> FormEdit:
        return cls(name=_texts(form, "name"), explain=_texts(form, "explain"),
                   law=_texts(form, "law"))
