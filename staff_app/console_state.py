"""The counselling console: the live queue, my conversations, one open conversation."""

from __future__ import annotations

from secrets import token_hex

from helpline.chat import service as chat
from helpline.chat.errors import ChatError
from helpline.db import session_scope
from helpline.identity.sessions import StaffPrincipal
from helpline.models import Role
from staff_app.state import StaffState, current_staff, staff_event
from uikit import live

CHAT_ROLES = (Role.counsellor, Role.specialist, Role.supervisor)


def _conversation_row(c: chat.ConversationPublic) -> dict[str, str]:
    return {"id": c.id, "topics": ", ".join(c.topics), "priority": str(c.priority),
            "flags": ", ".join(c.risk_flags), "since": c.created_at.strftime("%H:%M"),
            "urgency": str(c.urgency), "counsellor": c.counsellor_name}


class ConsoleState(StaffState):
    queue: list[dict[str, str]] = []
    waiting: int = 0
    longest_wait: int = 0
    high_risk: int = 0
    mine: list[dict[str, str]] = []
    current_id: str = ""
    messages: list[dict[str, str]] = []
    error: str = ""
    send_id: str = ""
    left: list[dict[str, str]] = []
    canned: list[dict[str, str]] = []
    team: list[dict[str, str]] = []
    draft: str = ""
    draft_key: int = 0  # changes to re-mount the reply box with a canned answer in it
    locale: str = "fr"
    supervising: list[dict[str, str]] = []  # every live conversation, for supervisors
    victim_typing: str = ""  # a fresh value each time the young person types

    def _load_queue(self, db, staff: StaffPrincipal) -> None:
        waiting = chat.queue(db, staff)
        health = chat.health_of(waiting)
        self.queue = [_conversation_row(c) for c in waiting]
        self.waiting, self.longest_wait, self.high_risk = \
            health.waiting, health.longest_wait_minutes, health.high_risk
        self.left = [_conversation_row(c) for c in chat.left_messages(db, staff)]
        self.supervising = [_conversation_row(c) for c in chat.live_conversations(db, staff)] \
            if staff.has_role(Role.supervisor) else []

    def _load(self, staff: StaffPrincipal, *, everything: bool = True) -> None:
        """Rebuild the view from the database; a live update of the open conversation
        (``everything=False``) skips the queue, the team and the canned answers."""
        token = self.router.session.client_token
        with session_scope() as db:
            if everything:
                self._load_queue(db, staff)
                self.canned = [{"id": str(c.id), "title": c.title, "body": c.body}
                               for c in chat.canned_responses(db, staff, self.locale)]
                self.team = [{"id": str(i), "name": n, "specialty": sp}
                             for i, n, sp in chat.colleagues(db, staff)]
            self.mine = [_conversation_row(c) for c in chat.my_conversations(db, staff)]
            if self.current_id:
                try:
                    rows = chat.staff_history(db, staff, self.current_id, opening=everything)
                except ChatError:
                    self.current_id, rows = "", []
                if rows:
                    chat.staff_read(db, staff, self.current_id, rows[-1].id)
                self.victim_typing = ""
                self.messages = [
                    {"id": str(m.id), "sender": m.sender, "name": m.sender_name or "",
                     "text": m.text, "at": m.at.strftime("%H:%M"),
                     "internal": "1" if m.internal else "", "read": "1" if m.read else ""}
                    for m in rows
                ]
        live.watch("queue", token)
        if self.current_id:
            live.watch(f"staff:{self.current_id}", token)
        self.send_id = self.send_id or token_hex(8)

    @staff_event(*CHAT_ROLES)
    def load(self) -> None:
        self.error = ""
        self.locale = "en" if "/staff/en" in (self.router.url.path or "") else "fr"
        self._load(current_staff())

    @staff_event(*CHAT_ROLES)
    def answer(self, conversation_id: str) -> None:
        """Take a message left out of hours."""
        try:
            with session_scope() as db:
                taken = chat.answer_left_message(db, current_staff(), str(conversation_id))
        except ChatError as refused:
            self.error = refused.code
            return
        self.error, self.current_id = "", taken.id
        self._load(current_staff())

    @staff_event(*CHAT_ROLES)
    def use_canned(self, body: str) -> None:
        self.draft, self.draft_key = str(body)[:2000], self.draft_key + 1

    @staff_event(*CHAT_ROLES)
    def transfer(self, form: dict) -> None:
        target = str(form.get("to", ""))
        to_staff = int(target) if target.isdigit() else None
        specialty = target.removeprefix("specialty:") if target.startswith("specialty:") else None
        try:
            with session_scope() as db:
                chat.transfer(db, current_staff(), self.current_id, to_staff_id=to_staff,
                              specialty=specialty, note=str(form.get("note", ""))[:1000])
        except ChatError as refused:
            self.error = refused.code
            return
        moved, self.current_id, self.messages, self.error = self.current_id, "", [], ""
        self._load(current_staff())
        live.push(f"victim:{moved}", "ChatState")
        live.push("queue", "ConsoleState", "refresh_queue_from_push")

    @staff_event(*CHAT_ROLES)
    def refresh_from_push(self) -> None:
        """The open conversation changed."""
        self._load(current_staff(), everything=False)

    @staff_event(*CHAT_ROLES)
    def typing(self, _text: str = "") -> None:
        """The counsellor is typing a reply (throttled by the page)."""
        if self.current_id:
            live.push(f"victim:{self.current_id}", "ChatState", "show_counsellor_typing")

    @staff_event(*CHAT_ROLES)
    def show_victim_typing(self) -> None:
        self.victim_typing = token_hex(4)

    @staff_event(*CHAT_ROLES)
    def refresh_queue_from_push(self) -> None:
        """The queue changed: only the queue and its health are reloaded."""
        with session_scope() as db:
            self._load_queue(db, current_staff())

    @staff_event(*CHAT_ROLES)
    def take_next(self) -> None:
        try:
            with session_scope() as db:
                taken = chat.take_next(db, current_staff())
        except ChatError as refused:
            self.error = refused.code
            return
        self.error, self.current_id = "", taken.id
        self._load(current_staff())
        live.push(f"victim:{taken.id}", "ChatState")
        live.push("queue", "ConsoleState", "refresh_queue_from_push")

    @staff_event(*CHAT_ROLES)
    def open(self, conversation_id: str) -> None:
        with session_scope() as db:
            mine = {c.id for c in chat.my_conversations(db, current_staff())}
        if conversation_id in mine or current_staff().has_role(Role.supervisor):
            self.current_id = conversation_id
        self._load(current_staff())

    def _post(self, form: dict, *, internal: bool) -> None:
        text, send_id = str(form.get("text", "")), str(form.get("send_id", ""))[:64]
        try:
            with session_scope() as db:
                chat.post_staff_message(db, current_staff(), self.current_id, text, send_id,
                                        internal=internal)
        except ChatError as refused:
            self.error = refused.code
            return
        self.error, self.send_id = "", token_hex(8)
        # The form clears itself on submit. Re-mounting the reply box here would also wipe
        # whatever is typed into it before this answer arrives (a slow or reconnecting
        # page): only a sent canned answer needs an empty box mounted in its place.
        if self.draft and not internal:
            self.draft, self.draft_key = "", self.draft_key + 1
        self._load(current_staff(), everything=False)
        if not internal:
            live.push(f"victim:{self.current_id}", "ChatState")

    @staff_event(*CHAT_ROLES)
    def send(self, form: dict) -> None:
        self._post(form, internal=False)

    @staff_event(*CHAT_ROLES)
    def note(self, form: dict) -> None:
        self._post(form, internal=True)

    @staff_event(*CHAT_ROLES)
    def wrap_up(self, form: dict) -> None:
        try:
            with session_scope() as db:
                chat.wrap_up(db, current_staff(), self.current_id,
                             outcome=str(form.get("outcome", "")),
                             note=str(form.get("note", ""))[:4000])
        except ChatError as refused:
            self.error = refused.code
            return
        ended, self.current_id, self.messages, self.error = self.current_id, "", [], ""
        self._load(current_staff())
        live.push(f"victim:{ended}", "ChatState")
