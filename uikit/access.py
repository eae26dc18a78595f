"""Every event handler declares who may call it, and is refused otherwise.

Any browser can call any public handler of any state with any arguments, so page
guards are only cosmetic. Handlers are wrapped by ``guarded``: it derives the
principal from the session cookie on the server, refuses the call when the check
fails, and makes the principal available to the handler through ``principal()``.
The access-control test walks every handler and fails on one without a declaration.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from http.cookies import CookieError, SimpleCookie
from typing import Any

from helpline import clock

ACCESS_ATTR = "__abri_access__"
_current: ContextVar[Any] = ContextVar("abri_principal", default=None)


@dataclass(frozen=True)
class Refusal:
    """What a refused call returns to the browser instead (None: nothing happens).
    ``forget``: states to put back to their defaults, but for the vars in ``keep``,
    because the session no longer opens them (locked, ended): what they held must not
    stay on the page."""

    response: Any = None
    forget: tuple = ()
    keep: tuple[str, ...] = ()


def cookie(state: Any, name: str) -> str | None:
    """A cookie from the websocket's handshake headers (HttpOnly cookies included)."""
    try:
        jar = SimpleCookie(state.router.headers.cookie or "")
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def principal() -> Any:
    """The principal the current guarded handler was allowed for."""
    return _current.get()


def guarded(access: str, check: Callable[[Any], Any]) -> Callable:
    """Wrap a handler: ``check(state)`` returns the principal or a ``Refusal``."""

    def decorate(fn: Callable) -> Callable:
        if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
            raise TypeError(f"{fn.__name__}: guarded handlers return, they do not yield")
        is_async = inspect.iscoroutinefunction(fn)

        # Always a coroutine: forgetting states may have to load them (Redis).
        @wraps(fn)
        async def run(self, *args, **kwargs):
            outcome = check(self)
            if isinstance(outcome, Refusal):
                if outcome.forget:
                    from uikit.page_state import forget

                    await forget(self._get_root_state(), *outcome.forget, keep=outcome.keep)
                return outcome.response
            token, zone = _current.set(outcome), clock.viewing_from(cookie(self, clock.ZONE_COOKIE))
            try:
                result = fn(self, *args, **kwargs)
                return await result if is_async else result
            finally:
                _current.reset(token)
                clock.reset(zone)

        setattr(run, ACCESS_ATTR, access)
        return run

    return decorate


def public(fn: Callable) -> Callable:
    """Anyone may call this: it reads only public content."""
    return guarded("public", lambda _state: None)(fn)
