"""Who may open which part of the staff workspace. Pages only mirror this; every
service function still checks the principal itself."""

from __future__ import annotations

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
