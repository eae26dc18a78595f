"""Strings a client sent (form fields, event arguments), checked before anything uses
them. Any client can send any value: a number or a list where text was expected, a
megabyte where an id was, a lone surrogate that no database can store."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, Self

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


def form_field(max_chars: int, *, token: bool = False,
               then: Callable[[str], Any] | None = None) -> Any:
    """A field of a ``FormShape``: the form's value under the field's own name, checked
    as ``form_text`` checks it, then turned into what the service takes by ``then``."""
    return dataclasses.field(metadata={"form": (max_chars, token, then)})


def whole_or(default: int | None) -> Callable[[str], int | None]:
    """For ``form_field(then=…)``: the digits as a number, anything else ``default``."""
    return lambda value: int(value) if value.isdigit() else default


class FormShape:
    """A frozen dataclass of ``form_field``s: ``from_form`` reads and bounds each field
    once (InputError "invalid" / "too_long" for a value no page sends)."""

    @classmethod
    def from_form(cls, form: object) -> Self:
        values = {}
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            max_chars, token, then = field.metadata["form"]
            value = form_text(form, field.name, max_chars, token=token)
            values[field.name] = then(value) if then else value
        return cls(**values)
