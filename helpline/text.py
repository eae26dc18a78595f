"""Strings a client sent (form fields, event arguments), checked before anything uses
them. Any client can send any value: a number or a list where text was expected, a
megabyte where an id was, a lone surrogate that no database can store."""

from __future__ import annotations

import re

from helpline.errors import Refused

ID_MAX = 64  # ids, codes and choices made by the page itself
TEXT_MAX = 100_000  # any free text: services then apply their own, smaller limits
_TOKEN = re.compile(r"[A-Za-z0-9_.:-]*")  # ids and codes: nothing else makes sense


class InputError(Refused):
    """A value no page of Abri sends ("invalid", "too_long")."""


def client_string(value: object, max_chars: int = ID_MAX, *, token: bool = True) -> str:
    """``value`` as a string of at most ``max_chars`` characters, or InputError
    ("too_long" past the limit, "invalid" otherwise). A token (the default: ids, codes,
    choices) is ASCII letters, digits and ``_.:-`` only; free text (``token=False``)
    may hold any valid Unicode, its cleaning being the service's (line breaks kept,
    controls removed). Missing is empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError("invalid")
    if len(value) > max_chars:
        raise InputError("too_long")
    if token:
        if not _TOKEN.fullmatch(value):
            raise InputError("invalid")
        return value
    try:
        value.encode("utf-8")  # a lone surrogate is not text: no database takes it
    except UnicodeEncodeError:
        raise InputError("invalid") from None
    return value


def form_text(form: object, name: str, max_chars: int, *, token: bool = False) -> str:
    """One field of a submitted form, checked as ``client_string`` checks it."""
    return client_string(form.get(name) if isinstance(form, dict) else None, max_chars,
                         token=token)
