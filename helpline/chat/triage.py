"""What a conversation is about, sealed at rest: the topics the young person ticked, how
urgent it feels to them and the risk flags raised by what they wrote. A database dump
without the key shows none of it; only the integer priority the queue sorts on stays
plain (see ``risk.base_priority``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from helpline import crypto

_PURPOSE = "conversation-triage"
# Every sealed triage is a multiple of this long, so its length does not give away which
# topics or flags it holds (all seven topics and a few flags fit in one block).
BLOCK = 256


@dataclass(frozen=True)
class Triage:
    topics: tuple[str, ...] = ()
    urgency: int = 0
    flags: tuple[str, ...] = ()


def seal_triage(conversation_id: str, triage: Triage) -> bytes:
    """Bound to the conversation: moved to another row, it no longer opens."""
    text = json.dumps({"topics": list(triage.topics), "urgency": triage.urgency,
                       "flags": list(triage.flags)}, separators=(",", ":"))
    return crypto.seal_padded(_PURPOSE, text, conversation_id, BLOCK)


def open_triage(conversation_id: str, sealed: bytes | None) -> Triage:
    data = json.loads(crypto.open_padded(_PURPOSE, sealed, conversation_id) or "{}")
    return Triage(topics=tuple(data.get("topics", ())), urgency=int(data.get("urgency", 0)),
                  flags=tuple(data.get("flags", ())))
