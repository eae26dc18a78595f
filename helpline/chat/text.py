"""What a chat message may contain: text, with a length limit and no control
characters. It is always rendered as text, never as HTML."""

from __future__ import annotations

import unicodedata

from helpline.chat.errors import ChatError

_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_message(text: str, max_chars: int) -> str:
    """The text to store, or ChatError("empty"/"too_long")."""
    if len(text) > max_chars * 4:  # refuse absurd payloads before doing any work
        raise ChatError("too_long")
    cleaned = "".join(
        c for c in unicodedata.normalize("NFC", text)
        if c in _ALLOWED_CONTROLS or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
        or c in "\u200d"  # keep zero-width joiners: they build emoji
    ).strip()
    if not cleaned:
        raise ChatError("empty")
    if len(cleaned) > max_chars:
        raise ChatError("too_long")
    return cleaned
