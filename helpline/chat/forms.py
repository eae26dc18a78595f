"""What the chat pages send (and Contenus, which tunes the chat), parsed and bounded
once: a value no page of Abri sends is a refusal code (helpline.text.InputError),
never an exception further in."""

from __future__ import annotations

from dataclasses import dataclass

from helpline.chat.errors import ChatError
from helpline.chat.queueing import TOPICS
from helpline.text import TEXT_MAX, FormShape, InputError, client_string, form_field

_TICKED = ("on", True, "true")


@dataclass(frozen=True)
class ChatStart:
    topics: list[str]
    urgency: int
    consent: bool

    @classmethod
    def from_form(cls, form: dict) -> ChatStart:
        urgency = client_string(form.get("urgency"))
        return cls(topics=[t for t in TOPICS if form.get(f"topic_{t}") in _TICKED],
                   urgency=int(urgency) if urgency.isdigit() else 0,
                   consent=form.get("consent") in _TICKED)


@dataclass(frozen=True)
class PostMessage:
    """``error``: why the text cannot be posted ("" when it can). The page's own id
    for it is kept even then: the page lists it as refused, never to resend it."""

    send_id: str
    text: str
    error: str = ""

    @classmethod
    def from_form(cls, form: dict) -> PostMessage:
        try:
            send_id = client_string(form.get("send_id"))
        except InputError as refused:
            return cls(send_id="", text="", error=refused.code)
        try:
            return cls(send_id=send_id, text=client_string(form.get("text"), TEXT_MAX,
                                                           token=False))
        except InputError as refused:
            return cls(send_id=send_id, text="", error=refused.code)

    def checked(self) -> PostMessage:
        if self.error:
            raise InputError(self.error)
        return self


@dataclass(frozen=True)
class Handover:
    """To a colleague (``to_staff``) or back to the queue for a specialty."""

    conversation_id: str
    to_staff: int | None
    specialty: str | None
    note: str

    @classmethod
    def from_form(cls, conversation_id: object, form: dict) -> Handover:
        conversation_id = client_string(conversation_id)
        target = client_string(form.get("to"))
        note = client_string(form.get("note"), 1000, token=False)
        return cls(conversation_id=conversation_id,
                   to_staff=int(target) if target.isdigit() else None,
                   specialty=target.removeprefix("specialty:")
                   if target.startswith("specialty:") else None,
                   note=note)


@dataclass(frozen=True)
class WrapUp(FormShape):
    outcome: str = form_field(64, token=True)
    note: str = form_field(4000)


@dataclass(frozen=True)
class Survey:
    satisfaction: int
    helped: int

    @classmethod
    def from_form(cls, form: dict) -> Survey:
        """ChatError("survey_invalid") for anything but whole numbers."""
        try:
            return cls(satisfaction=int(client_string(form.get("satisfaction")) or 0),
                       helped=int(client_string(form.get("helped")) or 0))
        except ValueError:  # InputError is a ValueError
            raise ChatError("survey_invalid") from None


@dataclass(frozen=True)
class NewRule(FormShape):
    """A risk rule as Contenus adds it: a category (or a new one named), phrases one
    per line or a regular expression, a priority in words."""

    label: str = form_field(600)
    locale: str = form_field(8, token=True)
    pattern: str = form_field(6000)
    phrases: str = form_field(6000)
    new_label: str = form_field(600)
    priority: str = form_field(16, token=True)

    @property
    def category(self) -> str:
        return self.new_label.strip() or self.label

    @property
    def phrase_list(self) -> list[str]:
        return [line for line in self.phrases.splitlines() if line.strip()]


@dataclass(frozen=True)
class CannedAnswer(FormShape):
    """A ready-made answer's words as Contenus saves them."""

    team: str = form_field(64, token=True)
    locale: str = form_field(8, token=True)
    title: str = form_field(800)
    body: str = form_field(20000)
