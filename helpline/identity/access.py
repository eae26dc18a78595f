"""Who may do what: every role check of the staff workspace is here. Pages only
mirror ``can_open_area``; every service function still checks the principal itself,
with ``require``."""

from __future__ import annotations

from helpline.errors import Refused
from helpline.identity.sessions import StaffPrincipal
from helpline.models import Role

STAFF_AREAS: dict[str, frozenset[str]] = {
    "console": frozenset({Role.counsellor, Role.specialist, Role.supervisor}),
    "cases": frozenset({Role.counsellor, Role.specialist, Role.supervisor, Role.takedown_officer}),
    "takedowns": frozenset({Role.takedown_officer, Role.supervisor}),
    "content": frozenset({Role.supervisor, Role.admin}),
    "admin": frozenset({Role.supervisor, Role.admin}),
}


def can_open_area(principal: StaffPrincipal | None, area: str) -> bool:
    return principal is not None and principal.has_role(*STAFF_AREAS.get(area, ()))


# Where each person lands: the first area here they work in (a takedown officer on the
# takedowns, an admin on the team), not a console they cannot open.
LANDING_ORDER = ("console", "takedowns", "cases", "admin", "content")


def landing_area(principal: StaffPrincipal | None) -> str | None:
    return next((area for area in LANDING_ORDER if can_open_area(principal, area)), None)


CHAT_TEAM = (Role.counsellor, Role.specialist, Role.supervisor)


def require(principal: StaffPrincipal | None, roles: tuple[str, ...],
            refusal: type[Exception] = Refused) -> StaffPrincipal:
    """The principal, if it holds one of ``roles``; else ``refusal("forbidden")`` — each
    capability refuses with its own error class, so its pages say it in their words."""
    if principal is None or not principal.has_role(*roles):
        raise refusal("forbidden")
    return principal
