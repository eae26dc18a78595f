"""What happened, for whoever shows it: typed domain events.

A service's change that another page must see is one of these. The surfaces never
name each other: each declares which of its handlers react to which event
(`uikit/live.subscribe`), and `uikit/live` delivers an event, after its commit, to the
open pages watching its channels. A surface switched off subscribes to nothing.

Events carry ids only, never content: a page that reacts reloads what it may see
from the database, with its own session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QUEUE = "queue"
SHARED_EVIDENCE = "shared-evidence"  # « Dossiers »: anyone's shares and withdrawals


def conversation_channel(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


def vault_channel(victim_id: str) -> str:
    """The owner's own safe pages (their other tabs and devices)."""
    return f"vault:{victim_id}"


def shared_evidence_channel(victim_id: str) -> str:
    """Staff pages showing what this person shared (their case file)."""
    return f"shared-evidence:{victim_id}"


def inbox_channel(staff_id: int) -> str:
    """A staff member's own pages: what is handed to them."""
    return f"inbox:{staff_id}"


@dataclass(frozen=True)
class DomainEvent:
    def channels(self) -> tuple[str, ...]:
        raise NotImplementedError


@dataclass(frozen=True)
class QueueChanged(DomainEvent):
    """A conversation joined, left or moved in the queue."""

    def channels(self) -> tuple[str, ...]:
        return (QUEUE,)


@dataclass(frozen=True)
class _AboutConversation(DomainEvent):
    conversation_id: str

    def channels(self) -> tuple[str, ...]:
        return (conversation_channel(self.conversation_id),)


@dataclass(frozen=True)
class MessagePosted(_AboutConversation):
    sender: Literal["victim", "staff"] = "victim"


@dataclass(frozen=True)
class ConversationChanged(_AboutConversation):
    """Taken, ended, wrapped up, or its counsellor changed."""


@dataclass(frozen=True)
class MessagesRead(_AboutConversation):
    """Messages were delivered to or read by the other side: their marks changed."""


@dataclass(frozen=True)
class Typing(_AboutConversation):
    """Someone is typing (what, never: the draft does not leave its page)."""

    who: Literal["victim", "staff"] = "victim"


@dataclass(frozen=True)
class ConversationTransferred(_AboutConversation):
    to_staff: int | None = None  # None: to a specialty's queue

    def channels(self) -> tuple[str, ...]:
        inbox = (inbox_channel(self.to_staff),) if self.to_staff is not None else ()
        return (conversation_channel(self.conversation_id), *inbox)


@dataclass(frozen=True)
class VaultChanged(DomainEvent):
    """Something in this person's safe was added, described, shared or removed."""

    victim_id: str

    def channels(self) -> tuple[str, ...]:
        return (vault_channel(self.victim_id),)


@dataclass(frozen=True)
class VaultShared(DomainEvent):
    """This person shared an item with the helpline or withdrew one (or deleted a
    shared one): staff pages showing their evidence reload what they may see."""

    victim_id: str

    def channels(self) -> tuple[str, ...]:
        return (SHARED_EVIDENCE, shared_evidence_channel(self.victim_id))
