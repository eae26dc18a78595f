"""Contenus: what supervisors tune — the risk rules that order the queue."""

from __future__ import annotations

from helpline.chat import risk
from helpline.db import session_scope
from helpline.models import Role
from staff_app.state import StaffState, current_staff, staff_event


class ContentState(StaffState):
    rules: list[dict[str, str]] = []
    error: str = ""
    saved: bool = False

    def _load(self) -> None:
        with session_scope() as db:
            self.rules = [
                {"id": str(r.id), "label": r.label, "locale": r.locale, "pattern": r.pattern,
                 "weight": str(r.weight), "active": "1" if r.active else ""}
                for r in risk.list_rules(db, current_staff())
            ]

    @staff_event(Role.supervisor)
    def load(self) -> None:
        self.error, self.saved = "", False
        self._load()

    @staff_event(Role.supervisor)
    def add_rule(self, form: dict) -> None:
        weight = str(form.get("weight", ""))
        try:
            with session_scope() as db:
                risk.add_rule(db, current_staff(), label=str(form.get("label", ""))[:60],
                              locale=str(form.get("locale", "")),
                              pattern=str(form.get("pattern", ""))[:600],
                              weight=int(weight) if weight.isdigit() else -1)
        except risk.RuleError as refused:
            self.error, self.saved = refused.code, False
            return
        self.error, self.saved = "", True
        self._load()

    @staff_event(Role.supervisor)
    def set_active(self, rule_id: int, active: bool) -> None:
        try:
            with session_scope() as db:
                risk.set_rule_active(db, current_staff(), int(rule_id), bool(active))
        except (risk.RuleError, ValueError) as refused:
            self.error = getattr(refused, "code", "not_found")
            return
        self._load()
