"""One unit of work for a handler, where a refusal becomes the message on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session as DbSession

from helpline.db import session_scope
from helpline.errors import Refused

T = TypeVar("T")
REFUSED: Any = object()  # what ``attempt`` returns when the service said no


def attempt(state: Any, action: Callable[[DbSession], T], *errors: type[Exception],
            field: str = "error") -> T:
    """Run ``action`` in a transaction. A refusal (any ``Refused``, or one of
    ``errors``, each with a ``code``) rolls everything back, sets the state's ``field``
    to its code and returns ``REFUSED``; success clears it."""
    try:
        with session_scope() as db:
            result = action(db)
    except (Refused, *errors) as refused:
        setattr(state, field, refused.code)
        return REFUSED
    setattr(state, field, "")
    return result


def unit_of_work(action: Callable[[DbSession], T]) -> T:
    """Run ``action`` in a transaction, committed before it returns: what a handler
    publishes afterwards is already in the database."""
    with session_scope() as db:
        return action(db)
