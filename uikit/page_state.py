"""A page's state belongs to the session that loaded it.

Reflex keeps each page's state under the page's client token, and serves it to any
socket that presents that token. The state holds decrypted messages, so the token
alone must never be enough: every event is checked against the session cookies on
its socket (ADR 0008).

- Owner: the first event binds the state to a keyed digest of the socket's session
  cookies. An event whose cookies differ (no cookie at all, another session, a
  sign-in, a sign-out) finds the whole state forgotten first: the page starts fresh
  and rebuilds from the database like any new page.
- Entitlement: a page load (hydrate) sends the whole state, so before it each
  surface's states are forgotten when their session no longer opens them (locked,
  expired, revoked). A guarded handler refused for that reason forgets them too.
- Closed pages: when a page's socket goes and no socket takes the token back within
  a short grace (a reload, a reconnect), its state is forgotten and its live-push
  registrations removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any

import reflex as rx
from reflex.istate.manager.token import BaseStateToken
from reflex.middleware import Middleware
from reflex.utils.token_manager import RedisTokenManager
from reflex_base.constants import CompileVars
from reflex_base.utils.format import format_event_handler

from helpline import crypto

log = logging.getLogger("abri.pages")
_ROUTER_FIELDS = frozenset({"router_data", "rx_router_session", "rx_router_headers",
                            "rx_router_page", "rx_router_url", "rx_router_route_id",
                            "is_hydrated", "_reflex_internal_links"})


@dataclass(frozen=True)
class Family:
    """The states of one surface, opened by one session cookie."""

    base: type[rx.State]
    cookie: str
    entitled: Callable[[str], bool]  # does this cookie still open these states?


_families: list[Family] = []
_session_cookies: list[str] = []


def belongs_to_session(base: type[rx.State], cookie: str,
                       entitled: Callable[[str], bool]) -> None:
    """Declare that ``base`` and its substates hold what the ``cookie`` session may
    see, and how to tell that session still may."""
    _families.append(Family(base, cookie, entitled))
    if cookie not in _session_cookies:
        _session_cookies.append(cookie)


class PageOwner(rx.State):
    """Whose session this page's state was built for (a keyed digest, server side)."""

    _owner: str = ""


def _jar(header: str | None) -> SimpleCookie:
    try:
        return SimpleCookie(header or "")
    except CookieError:
        return SimpleCookie()


def owner_of(cookie_header: str | None) -> str:
    jar = _jar(cookie_header)
    values = "\0".join(jar[name].value if name in jar else "" for name in
                       sorted(_session_cookies))
    return hmac.new(crypto.derive("page-owner"), values.encode(), hashlib.sha256).hexdigest()


def _tree(base: type[rx.State]) -> list[type[rx.State]]:
    found, stack = [], [base]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.get_substates())
    return found


async def forget(root: rx.State, *bases: type[rx.State], keep: tuple[str, ...] = ()) -> None:
    """Put every state under ``bases`` (all families' when none is named) back to its
    defaults, backend vars included, loading those not loaded yet (Redis); the vars
    named in ``keep`` stay."""
    for base in bases or tuple(f.base for f in _families):
        for cls in _tree(base):
            state = await root.get_state(cls)
            for name, field in cls.__fields__.items():
                if field._owner is cls and name not in _ROUTER_FIELDS and name not in keep:
                    setattr(state, name, field.default_value())


@functools.cache
def _hydrate_events() -> frozenset[str]:
    return frozenset(format_event_handler(rx.State.event_handlers[name])
                     for name in (CompileVars.HYDRATE, CompileVars.HYDRATE_AND_LOAD))


class SessionBinding(Middleware):
    """Runs before every event, with the page's state locked and its router data
    already from the event's own socket."""

    async def preprocess(self, app: Any, state: rx.State, event: Any) -> None:
        root = state._get_root_state()
        header = root.router.headers.cookie
        owner = owner_of(header)
        binding = await root.get_state(PageOwner)
        if binding._owner != owner:
            if binding._owner:
                await forget(root)
            binding._owner = owner
        elif event.name in _hydrate_events():
            jar = _jar(header)
            for family in _families:
                if family.cookie in jar and not family.entitled(jar[family.cookie].value):
                    await forget(root, family.base)
        return None


# Closed pages ---------------------------------------------------------------------

_pending: set[asyncio.Task] = set()


async def _still_open(tokens: Any, token: str) -> bool:
    if isinstance(tokens, RedisTokenManager):  # a socket on any worker has it
        return bool(await tokens.redis.exists(tokens._get_redis_key(token)))
    return token in tokens.token_to_sid


async def _forget_closed(app: rx.App, token: str, grace: float,
                         on_forget: Callable[[str], None]) -> None:
    await asyncio.sleep(grace)
    namespace = app.event_namespace
    if namespace is None or await _still_open(namespace._token_manager, token):
        return
    on_forget(token)
    manager = app.state_manager
    key = BaseStateToken(ident=token, cls=app._state)
    async with manager.modify_state(key) as root:
        await forget(root)
    purge = getattr(manager, "_purge_token", None)  # memory: drop the entry itself
    if purge is not None:
        purge(key)


def forget_closed_pages(app: rx.App, grace: float, on_forget: Callable[[str], None]) -> None:
    """When a page's socket disconnects, forget its state after ``grace`` seconds
    unless a socket took its token back; ``on_forget(token)`` runs first."""
    namespace = app.event_namespace
    if namespace is None or getattr(namespace, "_abri_forgets", False):
        return
    disconnect = namespace.on_disconnect

    def on_disconnect(sid: str, *args: Any) -> Any:
        token = namespace.sid_to_token.get(sid)
        outcome = disconnect(sid, *args)
        if token:
            task = asyncio.get_running_loop().create_task(
                _forget_closed(app, token, grace, on_forget))
            _pending.add(task)
            task.add_done_callback(_done)
        return outcome

    namespace.on_disconnect = on_disconnect
    namespace._abri_forgets = True


def _done(task: asyncio.Task) -> None:
    _pending.discard(task)
    with contextlib.suppress(asyncio.CancelledError):
        if task.exception() is not None:
            log.warning("could not forget a closed page's state: %s",
                        type(task.exception()).__name__)
