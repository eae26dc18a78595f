"""The team and the audit log (supervisors read, admins act)."""

from __future__ import annotations

from helpline import audit, clock
from helpline.db import session_scope
from helpline.identity import staff_auth
from helpline.models import Role
from helpline.text import InputError
from staff_app import labels
from staff_app.state import StaffState, current_staff, page_locale, staff_event


class AdminState(StaffState):
    """The team and the audit log (supervisors read, admins act)."""

    team: list[dict[str, str]] = []
    audit_rows: list[dict[str, str]] = []
    refused: bool = False

    def _load_team(self) -> None:
        locale = page_locale(self)
        self.team = [
            {"id": str(m.id), "name": m.display_name, "email": m.email,
             "roles": labels.roles(locale, m.roles), "disabled": "1" if m.disabled else "",
             "totp": "1" if m.has_totp else "", "can_disable": "1" if m.can_disable else ""}
            for m in staff_auth.list_staff(current_staff())
        ]

    def _load_audit(self, staff_id: int | None, object_id: str) -> None:
        with session_scope() as db:
            rows = audit.search(db, current_staff(), staff_id=staff_id, object_id=object_id)
        locale = page_locale(self)
        self.audit_rows = [
            {"at": f"{clock.local(r.at):%Y-%m-%d %H:%M}", "actor": r.actor,
             "action": labels.action(locale, r.action),
             "object": labels.audit_object(locale, r.object_type, r.object_id, r.object_name),
             "detail": r.detail}
            for r in rows
        ]

    @staff_event(Role.admin, Role.supervisor)
    def load(self) -> None:
        self.refused = False
        self._load_team()
        self._load_audit(None, "")

    @staff_event(Role.admin)
    def set_disabled(self, staff_id: int, disabled: bool) -> None:
        try:
            staff_auth.set_disabled(current_staff(), int(staff_id), bool(disabled))
        except (PermissionError, LookupError, ValueError):
            self.refused = True
            return
        self.refused = False
        self._load_team()
        self._load_audit(None, "")

    @staff_event(Role.admin, Role.supervisor)
    def filter_audit(self, form: dict) -> None:
        try:
            wanted = audit.AuditFilter.from_form(form)
        except InputError:  # nothing in the log could match it
            self.audit_rows = []
            return
        self._load_audit(wanted.staff_id, wanted.object_id)
